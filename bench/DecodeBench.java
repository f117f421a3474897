import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import org.httpsnotif.receiver.decode.BodyDecoder;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.Decoders;

/**
 * What decoding one body costs, on one thread with nothing else running: the receiver's decoder (the
 * whole body as one chunk, read in place as Relay has it read, then end) against its parser alone
 * reading every token and extracting nothing (Jackson's non-blocking parser for JSON, Aalto's
 * async reader for XML, Jackson's CBOR parser for CBOR, which the receiver does not use: its own
 * incremental decoder replaces it). For
 * JSON and XML the difference is what the receiver adds: limits, envelope extraction, the XML
 * prolog and {@code ]]>} checks. Prints the median of ten rounds in microseconds per body. Run from
 * the repository after {@code mvn package}: {@code java -cp target/https-notif-receiver.jar
 * bench/DecodeBench.java [SECONDS_PER_ROUND] [FILE...]} (default: half a second, the three reference
 * bodies; about 35 s).
 */
public final class DecodeBench {

  private static final String SAMPLES = "src/test/resources/samples/reference/";
  private static final int ROUNDS = 10;
  private static final JsonFactory JSON = new JsonFactory();
  private static final CBORFactory CBOR = new CBORFactory();
  private static final InputFactoryImpl XML = new InputFactoryImpl();

  /** One way of decoding a body; returns something derived from it, so the work is not dropped. */
  private interface Decode {
    long run(byte[] body) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    if (files.isEmpty()) {
      for (String name : List.of("data-compact-2025-03.json", "data.xml", "data.cbor")) {
        files.add(Path.of(SAMPLES + name));
      }
    }
    System.out.println("| body | receiver's decoder, us | parser alone, us | difference |");
    System.out.println("|---|---|---|---|");
    for (Path file : files) {
      byte[] body = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      String encoding = name.substring(name.lastIndexOf('.') + 1);
      BodyFormat format = BodyFormat.of("application/yang-data+" + encoding).orElseThrow();
      Decode receiver = b -> decodeAsReceiver(format, b);
      Decode parser =
          switch (encoding) {
            case "json" -> DecodeBench::jsonTokens;
            case "xml" -> xmlTokens(body);
            default -> DecodeBench::cborTokens;
          };
      double ours = median(receiver, body, seconds);
      double alone = median(parser, body, seconds);
      System.out.printf(
          "| %s, %,d B | %.2f | %.2f | %.2f (%.0f %%) |%n",
          name, body.length, ours, alone, ours - alone, 100 * (ours - alone) / ours);
    }
  }

  private static long decodeAsReceiver(BodyFormat format, byte[] body) throws Exception {
    BodyDecoder decoder = Decoders.DEFAULT.forFormat(format);
    decoder.feedBody(body, 0, body.length);
    return decoder.end().notificationType().length();
  }

  private static long jsonTokens(byte[] body) throws Exception {
    try (JsonParser parser = JSON.createNonBlockingByteArrayParser()) {
      ByteArrayFeeder feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
      feeder.feedInput(body, 0, body.length);
      feeder.endOfInput();
      return count(parser);
    }
  }

  private static long cborTokens(byte[] body) throws Exception {
    try (JsonParser parser = CBOR.createParser(body)) {
      return count(parser);
    }
  }

  private static long count(JsonParser parser) throws Exception {
    long tokens = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      tokens++;
    }
    return tokens;
  }

  /** Aalto fails on an unbound prefix, which the reference's root has: bound here, as the receiver does. */
  private static Decode xmlTokens(byte[] original) {
    String text = new String(original, StandardCharsets.UTF_8);
    Matcher root = Pattern.compile("<([A-Za-z_][\\w.-]*):([\\w.-]+)").matcher(text);
    if (root.find() && !text.contains("xmlns:" + root.group(1) + "=")) {
      text = text.substring(0, root.end()) + " xmlns:" + root.group(1) + "=\"urn:x\"" + text.substring(root.end());
    }
    byte[] bound = text.getBytes(StandardCharsets.UTF_8);
    return body -> {
      AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = XML.createAsyncForByteArray();
      reader.getInputFeeder().feedInput(bound, 0, bound.length);
      reader.getInputFeeder().endOfInput();
      long events = 0;
      while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
        events++;
      }
      reader.close();
      return events;
    };
  }

  /** Rounds of {@code seconds} each after one round of warm-up; the median round, us per body. */
  private static double median(Decode decode, byte[] body, double seconds) throws Exception {
    double[] micros = new double[ROUNDS];
    long sink = 0;
    for (int round = -1; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      long n = 0;
      long now;
      do {
        for (int i = 0; i < 100; i++) {
          sink += decode.run(body);
        }
        n += 100;
      } while ((now = System.nanoTime()) < deadline);
      if (round >= 0) {
        micros[round] = (now - start) / 1e3 / n;
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(micros);
    return (micros[ROUNDS / 2 - 1] + micros[ROUNDS / 2]) / 2;
  }
}
