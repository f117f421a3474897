package org.httpsnotif.receiver.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.httpsnotif.receiver.config.Sizes;
import org.httpsnotif.receiver.config.Version;
import org.httpsnotif.receiver.http.Native;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code publish}: a publisher for trying a receiver and for benchmarks. It asks the receiver for
 * its capabilities, then POSTs files or generated notifications to its relay-notification
 * resource, flat out or at a rate, over N keep-alive connections (HTTP/1.1, or HTTP/2 streams),
 * and reports every status and the latency percentiles.
 */
@Command(
    name = "https-notif-receiver publish",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = {
      "Publishes YANG notifications to an HTTPS-notif receiver: discovers its capabilities, then"
          + " POSTs FILEs (or generated push-updates) to {url}relay-notification over keep-alive"
          + " connections, flat out or at --rate, and reports every status and the latency.",
      "Exit status: 0 when every request got a 2xx, 1 when any did not, 2 on a usage or setup error.",
      ""
    },
    footer = {
      "",
      "Without --count or --duration each FILE is sent once (or one notification generated).",
      "With only --count, sending stops after an hour at the latest.",
      "Example: publish --pin AB:CD:... -c 100 -d 10s --warmup 3s data.json"
    })
public final class PublishCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "0..*", showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "Notification files (.json, .xml, .cbor; the name gives the encoding) or"
          + " directories of them, sent in turn. Without any, notifications are generated.")
  List<Path> files = new ArrayList<>();

  @Option(names = {"-u", "--url"}, paramLabel = "URL", defaultValue = "https://127.0.0.1:4443/",
      description = "Base URL of the receiver, as a publisher is configured with it.")
  String url;

  @Option(names = {"-e", "--encoding"}, paramLabel = "json|xml|cbor",
      description = "Encoding of generated notifications. Default: the first the receiver lists.")
  String encoding;

  @Option(names = "--size", defaultValue = "3573", converter = Sizes.class, paramLabel = "SIZE",
      description = "About how large generated notifications are.")
  long size;

  @Option(names = "--content-type", paramLabel = "TYPE",
      description = "Content-Type to send. Default: application/yang-data+<encoding>.")
  String contentType;

  @Option(names = "--no-discovery", description = "Do not GET capabilities first.")
  boolean noDiscovery;

  @Option(names = {"-c", "--connections"}, defaultValue = "1", paramLabel = "N",
      description = "Connections kept open.")
  int connections;

  @Option(names = "--http2", description = "HTTP/2 (negotiated by ALPN; HTTP/1.1 if the receiver declines).")
  boolean http2;

  @Option(names = "--streams", defaultValue = "10", paramLabel = "N",
      description = "With --http2: requests in flight per connection.")
  int streams;

  @Option(names = {"-r", "--rate"}, defaultValue = "0", paramLabel = "PER_SECOND",
      description = "Requests per second in all; 0 sends flat out.")
  double rate;

  @Option(names = {"-d", "--duration"}, converter = Durations.class, paramLabel = "TIME",
      description = "How long to send after the warm-up (10s, 500ms, 2m).")
  Duration duration;

  @Option(names = {"-n", "--count"}, defaultValue = "0", paramLabel = "N",
      description = "How many requests to send after the warm-up (0: as many as the duration allows).")
  long count;

  @Option(names = "--warmup", defaultValue = "0s", converter = Durations.class, paramLabel = "TIME",
      description = "Sending before measuring; its answers are counted but not measured.")
  Duration warmup;

  @Option(names = "--timeout", defaultValue = "30s", converter = Durations.class, paramLabel = "TIME",
      description = "Longest wait for an answer.")
  Duration timeout;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "Event loops of the publisher; 0 means one per core.")
  int threads;

  @ArgGroup(exclusive = true)
  Trust trust = new Trust();

  static final class Trust {
    @Option(names = "--pin", paramLabel = "SHA256",
        description = "Trust only the certificate with this SHA-256 fingerprint (the receiver logs it).")
    String pin;

    @Option(names = "--ca", paramLabel = "PEM", description = "Trust certificates issued by this CA.")
    Path ca;

    @Option(names = {"-k", "--trust-all"}, description = "Trust any certificate (tests only).")
    boolean trustAll;
  }

  @Option(names = "--json", paramLabel = "FILE",
      description = "Write the summary as JSON to FILE ('-' for standard output).")
  Path json;

  @Option(names = "--histogram", paramLabel = "FILE",
      description = "Write the latency percentile distribution (HdrHistogram, milliseconds) to FILE.")
  Path histogram;

  @Option(names = {"-q", "--quiet"}, description = "No summary line on standard error.")
  boolean quiet;

  private final PrintStream err;

  PublishCommand(PrintStream err) {
    this.err = err;
  }

  /** Runs the command; returns its exit status. */
  public static int run(String[] args) {
    return commandLine(System.err).execute(args);
  }

  /**
   * Runs one publish after another in this JVM, as lines of standard input come: each line is a
   * log file and then the run's arguments, separated by tabs; after each run one line "exit N" goes
   * to standard output. For benchmarks: a JVM that has already sent for a while sends at full
   * speed from its first request, while a fresh one spends its first tens of seconds compiling,
   * on the same cores as the receiver it measures.
   */
  public static int series(BufferedReader in, PrintStream out) {
    String line;
    while ((line = readLine(in)) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      int status;
      try (PrintStream log = new PrintStream(Files.newOutputStream(Path.of(fields[0])), true, StandardCharsets.UTF_8)) {
        CommandLine cmd = commandLine(log);
        cmd.setOut(new PrintWriter(log, true));
        cmd.setErr(new PrintWriter(log, true));
        status = cmd.execute(Arrays.copyOfRange(fields, 1, fields.length));
      } catch (IOException e) {
        System.err.println("error: cannot write " + fields[0] + ": " + e.getMessage());
        status = 2;
      }
      out.println("exit " + status);
      out.flush();
    }
    return 0;
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  static CommandLine commandLine(PrintStream err) {
    CommandLine cmd = new CommandLine(new PublishCommand(err));
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          return 2;
        });
    return cmd;
  }

  @Override
  public Integer call() throws Exception {
    Target target = Target.parse(url);
    check(connections > 0, "--connections must be at least 1");
    check(streams > 0, "--streams must be at least 1");
    check(rate >= 0 && count >= 0, "--rate and --count cannot be negative");
    check(encoding == null || List.of("json", "xml", "cbor").contains(encoding),
        "--encoding is json, xml or cbor");
    List<Payload> payloads = Payload.files(files, contentType);
    check(files.isEmpty() || !payloads.isEmpty(), "no .json, .xml or .cbor file in " + files);
    long sendCount = count;
    Duration sendFor = duration;
    if (sendFor == null) {
      // Bounded in time as well: with only a count, an hour at most.
      sendFor = Duration.ofHours(1);
      if (sendCount == 0) {
        sendCount = Math.max(1, payloads.size());
      }
    }
    int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    // For discovery; the load runs on event loops of its own (Load.run).
    Vertx vertx = Vertx.vertx(Native.vertxOptions().setEventLoopPoolSize(1));
    try {
      HttpClientOptions options = clientOptions(target);
      if (!noDiscovery) {
        List<String> offered = discover(vertx, options, target);
        if (payloads.isEmpty() && encoding == null) {
          check(!offered.isEmpty(), "the receiver lists no encoding; give --encoding");
          encoding = offered.get(0);
        }
        for (Payload p : payloads) {
          check(offered.isEmpty() || offered.contains(p.encoding()),
              p.name() + ": the receiver does not list " + p.encoding() + " (it lists " + offered + ")");
        }
        check(encoding == null || offered.isEmpty() || offered.contains(encoding),
            "the receiver does not list " + encoding + " (it lists " + offered + ")");
      }
      if (payloads.isEmpty()) {
        payloads = List.of(Generated.of(encoding == null ? "json" : encoding, (int) size, contentType));
      }
      Load.Plan plan =
          new Load.Plan(
              target, options, http2, connections, http2 ? streams : 1, loops, rate,
              warmup.toNanos(), sendFor.toNanos(), sendCount, payloads);
      Recorder recorder = Load.run(plan);
      write(plan, recorder);
      return recorder.allAcknowledged() ? 0 : 1;
    } finally {
      vertx.close().await();
    }
  }

  private List<String> discover(Vertx vertx, HttpClientOptions options, Target target) {
    HttpClientAgent client = vertx.createHttpClient(options);
    try {
      List<String> offered = Discovery.encodings(client, target).await();
      if (!quiet) {
        err.println("The receiver at " + target + " takes " + (offered.isEmpty() ? "no encoding it names" : String.join(", ", offered)));
      }
      return offered;
    } catch (Exception e) {
      throw new SetupException("cannot discover the receiver's capabilities at " + target + ": "
          + e.getMessage() + " (--no-discovery skips this)");
    } finally {
      client.close().await();
    }
  }

  private HttpClientOptions clientOptions(Target target) throws IOException {
    HttpClientOptions o =
        new HttpClientOptions()
            .setSsl(target.tls())
            .setSslEngineOptions(Native.tlsEngine())
            .setKeepAlive(true)
            .setPipelining(false)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            // A connection that receives nothing for this long fails its request. Per connection,
            // not per request: a timer set and cancelled for every request was a visible share of
            // the publisher's CPU, which on one machine is taken from the receiver it measures.
            .setReadIdleTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (http2) {
      o.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2MultiplexingLimit(streams);
    }
    if (trust.trustAll) {
      o.setTrustAll(true).setVerifyHost(false);
    } else if (trust.pin != null) {
      o.setTrustOptions(TrustOptions.wrap(new Pinned(trust.pin))).setVerifyHost(false);
    } else if (trust.ca != null) {
      check(Files.isReadable(trust.ca), "cannot read " + trust.ca);
      o.setTrustOptions(new PemTrustOptions().addCertPath(trust.ca.toString()));
    }
    return o;
  }

  private void write(Load.Plan plan, Recorder recorder) throws IOException {
    if (!quiet) {
      err.println(Report.line(plan, recorder));
      recorder.failures.forEach(f -> err.println("  " + f));
    }
    if (json != null) {
      String text =
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Report.json(plan, recorder));
      if (json.toString().equals("-")) {
        System.out.println(text);
      } else {
        Files.writeString(json, text + "\n");
      }
    }
    if (histogram != null) {
      try (PrintStream out = new PrintStream(Files.newOutputStream(histogram), false, "UTF-8")) {
        recorder.latency.outputPercentileDistribution(out, 1000.0);
      }
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new SetupException(message);
    }
  }

  /** A problem with the command or the receiver found before sending. */
  static final class SetupException extends RuntimeException {
    SetupException(String message) {
      super(message);
    }
  }

  /** 10s, 500ms, 2m, 1h; a bare number is seconds. */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        TimeUnit unit = TimeUnit.SECONDS;
        if (v.endsWith("s")) {
          v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
          unit = TimeUnit.MINUTES;
          v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
          unit = TimeUnit.HOURS;
          v = v.substring(0, v.length() - 1);
        }
        return Duration.ofNanos((long) (Double.parseDouble(v) * unit.toNanos(1)));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("not a duration (10s, 500ms, 2m): " + value);
      }
    }
  }
}
