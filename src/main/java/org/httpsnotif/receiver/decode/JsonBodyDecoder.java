package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/** Decodes a JSON notification with Jackson's non-blocking parser as chunks arrive. */
public final class JsonBodyDecoder implements BodyDecoder {

  /** Bounds on parser state; hostile bodies fail on them instead of exhausting memory. */
  public record Limits(int maxDepth, int maxStringLength, int maxNumberLength, int maxMembers) {
    public static final Limits DEFAULT =
        new Limits(DecodeLimits.DEFAULT.maxDepth(), DecodeLimits.DEFAULT.maxStringLength(), 1000,
            DecodeLimits.DEFAULT.maxMembers());
  }

  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  private final EnvelopeExtractor extractor = new EnvelopeExtractor();
  private final JsonEvents events;

  public JsonBodyDecoder() {
    this(Limits.DEFAULT);
  }

  public JsonBodyDecoder(Limits limits) {
    this(factory(limits), limits);
  }

  private JsonBodyDecoder(JsonFactory factory, Limits limits) {
    try {
      parser = factory.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson has no non-blocking parser", e);
    }
    feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    events = new JsonEvents(parser, extractor, limits.maxMembers());
  }

  /** A factory per limits; decoders made from one share its symbol tables. */
  public static JsonFactory factory(Limits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .build())
        .build();
  }

  private static final JsonFactory DEFAULT_FACTORY = factory(Limits.DEFAULT);

  /** A decoder with the default limits, sharing one factory. */
  public static JsonBodyDecoder withDefaults() {
    return new JsonBodyDecoder(DEFAULT_FACTORY, Limits.DEFAULT);
  }

  /** A decoder sharing the given factory, made by {@link #factory} from the same limits. */
  public static JsonBodyDecoder from(JsonFactory factory, Limits limits) {
    return new JsonBodyDecoder(factory, limits);
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws DecodeException {
    try {
      feeder.feedInput(bytes, off, off + len);
      drain();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  @Override
  public Extracted end() throws DecodeException {
    try {
      feeder.endOfInput();
      drain();
    } catch (IOException e) {
      if (events.sawDocument() && events.depth() > 0) {
        throw DecodeException.malformed("truncated JSON: the body ended inside a value");
      }
      throw malformed(e);
    }
    if (!events.sawDocument()) {
      throw DecodeException.malformed("empty body");
    }
    if (events.depth() > 0) {
      throw DecodeException.malformed("truncated JSON: the body ended inside a value");
    }
    return extractor.result();
  }

  /** Jackson's message without the source location it appends, which says nothing here. */
  private static DecodeException malformed(IOException e) {
    String message =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    int noise = message.indexOf(" (start marker");
    return DecodeException.malformed(
        "malformed JSON: " + (noise < 0 ? message : message.substring(0, noise)));
  }

  private void drain() throws IOException, DecodeException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      events.emit(token);
      if (extractor.failure() != null) {
        throw extractor.failure();
      }
    }
  }
}
