package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
  // The tail of the chunks so far, kept from the parser until more arrives (see safeEnd).
  private byte[] held = new byte[16];
  private int heldLength;
  private Tail tail = Tail.NONE;

  /** What the held bytes are: a number, or a ',' or ':' with whitespace and a number after it. */
  private enum Tail {
    NONE,
    NUMBER,
    SEPARATOR,
    SEPARATOR_NUMBER
  }

  /**
   * Names a thread's factory may pool before the thread starts over with a fresh one. A parser
   * merges the member names it met into its factory's table when it closes, so the next body finds
   * them there instead of adding and interning each anew (with a table per body, every body's
   * names took that slow path). While the table is shared, a body bringing a new name copies it
   * whole, so it is kept small; real notifications use tens to hundreds of names.
   */
  static final int MAX_POOLED_NAMES = 1024;

  // Per thread: an event loop decodes its bodies one at a time, so its parsers never share a
  // table with another thread's.
  private static final ThreadLocal<Map<Limits, Pool>> POOLS = ThreadLocal.withInitial(HashMap::new);

  /** A Jackson factory for one set of limits, whose pooled names can be counted. */
  private static final class Pool extends JsonFactory {
    private static final long serialVersionUID = 1L;

    Pool(Limits limits) {
      super(new JsonFactoryBuilder().streamReadConstraints(constraints(limits)));
    }

    int pooledNames() {
      return _byteSymbolCanonicalizer.size();
    }

    // Jackson makes non-blocking parsers only for factories that call themselves JSON.
    @Override
    public String getFormatName() {
      return FORMAT_NAME_JSON;
    }
  }

  private final Limits limits;
  private final Pool pool;

  public JsonBodyDecoder() {
    this(Limits.DEFAULT);
  }

  public JsonBodyDecoder(Limits limits) {
    this.limits = limits;
    this.pool = pool(limits);
    try {
      parser = pool.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson has no non-blocking parser", e);
    }
    feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    events = new JsonEvents(parser, extractor, limits.maxMembers());
  }

  /** A factory with the constraints of these limits, for readers of stored bodies. */
  public static JsonFactory factory(Limits limits) {
    return new JsonFactoryBuilder().streamReadConstraints(constraints(limits)).build();
  }

  private static StreamReadConstraints constraints(Limits limits) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth())
        .maxStringLength(limits.maxStringLength())
        .maxNumberLength(limits.maxNumberLength())
        .build();
  }

  /** A decoder with the default limits. */
  public static JsonBodyDecoder withDefaults() {
    return new JsonBodyDecoder(Limits.DEFAULT);
  }

  /** Names the calling thread's factory for these limits pools now (for tests). */
  static int pooledNames(Limits limits) {
    return pool(limits).pooledNames();
  }

  private static Pool pool(Limits limits) {
    return POOLS.get().computeIfAbsent(limits, Pool::new);
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws DecodeException {
    int end = off + len;
    int from = off;
    try {
      if (heldLength > 0) {
        // What is held goes in with this chunk up to the first place the parser may stop at.
        int first = firstSafe(bytes, off, end);
        if (first < 0) {
          hold(bytes, off, len);
          return;
        }
        hold(bytes, off, first - off);
        parse(held, 0, heldLength);
        heldLength = 0;
        from = first;
      }
      int last = safeEnd(bytes, from, end);
      parse(bytes, from, last);
      hold(bytes, last, end - last);
      tail = Tail.NONE;
      for (int i = last; i < end; i++) {
        advance(bytes[i]);
      }
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  @Override
  public Extracted end() throws DecodeException {
    try {
      parse(held, 0, heldLength);
      heldLength = 0;
    } catch (IOException e) {
      throw malformed(e);
    }
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
    poolNames();
    return extractor.result();
  }

  /** Pools the names of a good body for the thread's next ones, within the cap. */
  private void poolNames() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new IllegalStateException("closing a parser of a byte array failed", e);
    }
    if (pool.pooledNames() > MAX_POOLED_NAMES) {
      POOLS.get().remove(limits);
    }
  }

  /** Jackson's message without the source location it appends, which says nothing here. */
  private static DecodeException malformed(IOException e) {
    String message =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    int noise = message.indexOf(" (start marker");
    return DecodeException.malformed(
        "malformed JSON: " + (noise < 0 ? message : message.substring(0, noise)));
  }

  /**
   * Where a chunk may end for the parser: before a number at its end, and before a ',' or ':'
   * followed by nothing but whitespace. Jackson's async parser (2.18) reads both differently when
   * its input ends there: it accepts a '}' after ',' or ':' in the next input ({"a":1,} and
   * {"a":}), and fails on a second '.' in a number (1.5.6) before, not after, returning 1.5. Kept
   * back, the same body decodes the same however it was split. Inside a string this only delays
   * a few bytes.
   */
  static int safeEnd(byte[] bytes, int from, int to) {
    int i = to;
    while (i > from && isNumberByte(bytes[i - 1])) {
      i--;
    }
    int number = i;
    while (i > from && isWhitespace(bytes[i - 1])) {
      i--;
    }
    return i > from && (bytes[i - 1] == ',' || bytes[i - 1] == ':') ? i - 1 : number;
  }

  /**
   * The first place in {@code bytes[from, to)} where the held bytes and those after them may end
   * for the parser, as {@link #safeEnd} would find it in the whole: before a new ',' or ':' or
   * number, or after a byte that ends the held one. -1 if there is none.
   */
  private int firstSafe(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (advance(bytes[i])) {
        return i;
      }
      if (tail == Tail.NONE) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Moves the state of the held bytes over one more; true if that byte starts a new tail. */
  private boolean advance(byte b) {
    if (b == ',' || b == ':') {
      tail = Tail.SEPARATOR;
      return true;
    }
    if (isNumberByte(b)) {
      if (tail == Tail.NONE) {
        tail = Tail.NUMBER;
        return true;
      }
      if (tail == Tail.SEPARATOR) {
        tail = Tail.SEPARATOR_NUMBER;
      }
      return false;
    }
    if (!isWhitespace(b) || tail != Tail.SEPARATOR) {
      tail = Tail.NONE;
    }
    return false;
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-';
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private void hold(byte[] bytes, int off, int len) {
    if (heldLength + len > held.length) {
      held = Arrays.copyOf(held, Math.max(2 * held.length, heldLength + len));
    }
    System.arraycopy(bytes, off, held, heldLength, len);
    heldLength += len;
  }

  private void parse(byte[] bytes, int from, int to) throws IOException, DecodeException {
    if (to > from) {
      feeder.feedInput(bytes, from, to);
      drain();
    }
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
