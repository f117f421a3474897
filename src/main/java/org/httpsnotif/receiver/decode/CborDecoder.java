package org.httpsnotif.receiver.decode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental CBOR (RFC 8949) decoder: takes one body in chunks split anywhere and emits the same
 * {@link TokenHandler} events as the JSON path, so one extractor serves both encodings.
 *
 * <p>It accepts exactly one data item. Map keys must be text strings ({@code fieldName}) or
 * integers ({@code fieldId}, YANG SIDs); an unsigned integer key may carry tag 47, RFC 9254's
 * absolute SID, which arrives as {@code tag(47)} before the {@code fieldId}. Tag numbers arrive as
 * their 64 raw bits, so tags of 2^63 and above look negative. Text and byte string values the
 * handler does not want ({@link TokenHandler#wantsValue()}) arrive as {@code ""} and an empty
 * array, still validated. Nesting uses an explicit stack, so depth costs no call stack. After the
 * first exception the decoder is spent.
 */
public final class CborDecoder {

  /**
   * Bounds on what one body may declare, checked on headers before anything is allocated.
   *
   * @param maxDepth containers and tags nested inside each other
   * @param maxStringBytes bytes of one text or byte string, chunked ones assembled
   * @param maxMapEntriesOrArrayItems entries of one map or items of one array
   */
  public record Limits(int maxDepth, int maxStringBytes, int maxMapEntriesOrArrayItems) {

    /**
     * Depth 1000 is Jackson's default nesting limit, so JSON and CBOR bodies meet the same bound;
     * YANG trees rarely pass 30. A 16 MiB leaf is far beyond any telemetry value. A million
     * entries holds a full Internet routing table, the largest list a device is likely to push.
     */
    public static final Limits DEFAULT = new Limits(1000, 16 << 20, 1_000_000);

    public Limits {
      if (maxDepth < 1 || maxStringBytes < 0 || maxMapEntriesOrArrayItems < 0) {
        throw new IllegalArgumentException("CBOR limits: depth must be at least 1, sizes not "
            + "negative: " + maxDepth + ", " + maxStringBytes + ", " + maxMapEntriesOrArrayItems);
      }
    }
  }

  private static final int HEADER = 0;
  private static final int ARGUMENT = 1;
  private static final int PAYLOAD = 2;
  private static final int DONE = 3;

  private static final int MAP = 1;
  private static final int INDEFINITE = 2;

  private static final int ABSOLUTE_SID = 47;
  private static final byte[] NO_BYTES = new byte[0];

  private final TokenHandler handler;
  private final int maxDepth;
  private final int maxString;
  private final long maxItems;

  private int state = HEADER;
  /** Bytes consumed by earlier feeds, so errors can name an offset in the body. */
  private long consumed;
  private int feedStart;
  /** Body offset of the current item's initial byte. */
  private long itemAt;

  // An item header whose argument is split across feeds.
  private int initial;
  private int argumentLeft;
  private long argument;

  // Open maps and arrays. counts: items left when definite (2 per map entry), items seen when not.
  private int[] kinds = new int[16];
  private long[] counts = new long[16];
  private int[] tagsBefore = new int[16];
  private int top = -1;
  /** Open containers plus the tags in front of them and of the coming item. */
  private int depth;
  private int pendingTags;
  private boolean absoluteSidKey;

  // The text or byte string being read.
  private int stringMajor;
  private boolean stringIsKey;
  private boolean keep;
  private boolean chunked;
  private int chunkedTotal;
  private int payloadLeft;
  private byte[] buffer = NO_BYTES;
  private int buffered;
  private int utf8Needed;
  private int utf8Low = 0x80;
  private int utf8High = 0xBF;

  public CborDecoder(TokenHandler handler, Limits limits) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxDepth = limits.maxDepth();
    this.maxString = limits.maxStringBytes();
    this.maxItems = limits.maxMapEntriesOrArrayItems();
  }

  public CborDecoder(TokenHandler handler) {
    this(handler, Limits.DEFAULT);
  }

  /** Consumes {@code len} bytes of {@code bytes} from {@code off}; keeps no reference to them. */
  public void feed(byte[] bytes, int off, int len) throws DecodeException {
    Objects.checkFromIndexSize(off, len, bytes.length);
    feedStart = off;
    int i = off;
    int end = off + len;
    while (i < end) {
      switch (state) {
        case HEADER -> i = header(bytes, i, end);
        case ARGUMENT -> i = argument(bytes, i, end);
        case PAYLOAD -> i = payload(bytes, i, end);
        default -> throw DecodeException.invalid("more than one data item in the body: byte "
            + offset(i) + " follows the complete top-level item");
      }
    }
    consumed += len;
  }

  /** Declares the end of the body; throws unless exactly one complete data item arrived. */
  public void end() throws DecodeException {
    if (state == DONE) {
      return;
    }
    if (consumed == 0) {
      throw DecodeException.malformed("empty body: no CBOR data item");
    }
    String inside;
    if (chunked || state == PAYLOAD) {
      inside = chunked ? "an indefinite-length string" : "a string";
    } else if (state == ARGUMENT) {
      inside = "an item header";
    } else if (pendingTags > 0 || top < 0) {
      inside = "a tag with no tagged item";
    } else {
      inside = (kinds[top] & MAP) != 0 ? "a map" : "an array";
    }
    throw DecodeException.malformed("truncated CBOR: the body ends after " + consumed
        + " bytes inside " + inside + " (" + (top + 1) + " containers open)");
  }

  private long offset(int index) {
    return consumed + (index - feedStart);
  }

  private int header(byte[] b, int i, int end) throws DecodeException {
    itemAt = offset(i);
    int ib = b[i] & 0xFF;
    int ai = ib & 31;
    if (ai < 24) {
      return item(ib, ai, b, i + 1, end);
    }
    if (ai < 28) {
      int size = 1 << (ai - 24);
      if (end - i > size) {
        long value = 0;
        for (int k = 1; k <= size; k++) {
          value = (value << 8) | (b[i + k] & 0xFF);
        }
        return item(ib, value, b, i + 1 + size, end);
      }
      initial = ib;
      argumentLeft = size;
      argument = 0;
      state = ARGUMENT;
      return i + 1;
    }
    if (ai == 31) {
      indefinite(ib);
      return i + 1;
    }
    throw DecodeException.malformed("reserved additional information " + ai + " in initial byte 0x"
        + Integer.toHexString(ib) + " at byte " + itemAt);
  }

  private int argument(byte[] b, int i, int end) throws DecodeException {
    while (argumentLeft > 0 && i < end) {
      argument = (argument << 8) | (b[i++] & 0xFF);
      argumentLeft--;
    }
    if (argumentLeft > 0) {
      return i;
    }
    state = HEADER;
    return item(initial, argument, b, i, end);
  }

  /** One item whose header, argument included, has been read; returns where its payload ends. */
  private int item(int ib, long arg, byte[] b, int i, int end) throws DecodeException {
    int major = ib >>> 5;
    if (chunked) {
      chunk(major, arg);
      return i;
    }
    if (atKey()) {
      return key(major, arg, b, i, end);
    }
    switch (major) {
      case 0 -> {
        releaseTags();
        if (arg >= 0) {
          handler.longValue(arg);
        } else {
          handler.bigIntegerValue(unsigned(arg));
        }
        itemDone();
      }
      case 1 -> {
        releaseTags();
        if (arg >= 0) {
          handler.longValue(-1 - arg);
        } else {
          handler.bigIntegerValue(unsigned(arg).not());
        }
        itemDone();
      }
      case 2, 3 -> {
        return string(major, arg, b, i, end);
      }
      case 4 -> push(0, arg);
      case 5 -> push(MAP, arg);
      case 6 -> tag(arg);
      default -> simple(ib & 31, arg);
    }
    return i;
  }

  private int key(int major, long arg, byte[] b, int i, int end) throws DecodeException {
    if (absoluteSidKey && major != 0) {
      throw DecodeException.malformed("tag 47 (absolute SID) on the map key at byte " + itemAt
          + " must hold an unsigned integer, not " + describe(major));
    }
    switch (major) {
      case 0, 1 -> {
        if (arg < 0) {
          throw DecodeException.invalid("integer map key " + (major == 1 ? "-1-" : "")
              + Long.toUnsignedString(arg) + " at byte " + itemAt + " is out of the SID range");
        }
        releaseTags();
        handler.fieldId(major == 0 ? arg : -1 - arg);
        itemDone();
        return i;
      }
      case 3 -> {
        return string(major, arg, b, i, end);
      }
      case 6 -> {
        if (arg == ABSOLUTE_SID && !absoluteSidKey) {
          tag(arg);
          absoluteSidKey = true;
          return i;
        }
        throw DecodeException.malformed("map key at byte " + itemAt + " carries tag " + arg
            + "; RFC 9254 keys are text strings, integers or tag 47 SIDs");
      }
      default -> throw keyError(major);
    }
  }

  private DecodeException keyError(int major) {
    return DecodeException.malformed("map key at byte " + itemAt + " is " + describe(major)
        + "; RFC 9254 keys are text strings (names) or integers (SIDs)");
  }

  private static String describe(int major) {
    return switch (major) {
      case 0, 1 -> "an integer";
      case 2 -> "a byte string";
      case 3 -> "a text string";
      case 4 -> "an array";
      case 5 -> "a map";
      case 6 -> "a tag";
      default -> "a simple value or float";
    };
  }

  /** Additional information 31: an indefinite-length item or a break. */
  private void indefinite(int ib) throws DecodeException {
    if (ib == 0xFF) {
      brk();
      return;
    }
    int major = ib >>> 5;
    if (chunked) {
      throw DecodeException.malformed("nested indefinite-length string at byte " + itemAt
          + ": chunks must be definite-length strings");
    }
    if (major == 0 || major == 1 || major == 6) {
      throw DecodeException.malformed("indefinite length is not allowed for " + describe(major)
          + " (initial byte 0x" + Integer.toHexString(ib) + " at byte " + itemAt + ")");
    }
    if (atKey() && absoluteSidKey) {
      throw DecodeException.malformed("tag 47 (absolute SID) on the map key at byte " + itemAt
          + " must hold an unsigned integer, not an indefinite-length item");
    }
    if (atKey() && major != 3) {
      throw keyError(major);
    }
    switch (major) {
      case 2, 3 -> {
        startString(major);
        chunked = true;
        chunkedTotal = 0;
      }
      case 4 -> push(INDEFINITE, -1);
      default -> push(MAP | INDEFINITE, -1);
    }
  }

  private void brk() throws DecodeException {
    if (chunked) {
      chunked = false;
      emitString(buffer, 0, buffered);
      itemDone();
      return;
    }
    if (top < 0 || (kinds[top] & INDEFINITE) == 0) {
      throw DecodeException.malformed("break (0xff) at byte " + itemAt
          + " outside an indefinite-length item");
    }
    if (pendingTags > 0) {
      throw DecodeException.malformed("break (0xff) at byte " + itemAt + " follows a tag");
    }
    if ((kinds[top] & MAP) != 0 && (counts[top] & 1) != 0) {
      throw DecodeException.malformed("indefinite-length map ends at byte " + itemAt
          + " after a key with no value");
    }
    pop();
    itemDone();
  }

  /** A definite chunk header inside an indefinite-length string. */
  private void chunk(int major, long length) throws DecodeException {
    if (major != stringMajor) {
      throw DecodeException.malformed(describe(major) + " at byte " + itemAt
          + " inside an indefinite-length " + describe(stringMajor).substring(2)
          + "; chunks must be definite strings of the same type");
    }
    if (length < 0 || length > maxString - chunkedTotal) {
      throw tooBig("chunked string reaches more than " + maxString + " bytes at byte " + itemAt);
    }
    chunkedTotal += (int) length;
    payloadLeft = (int) length;
    if (payloadLeft > 0) {
      state = PAYLOAD;
    }
  }

  private int string(int major, long length, byte[] b, int i, int end) throws DecodeException {
    if (length < 0 || length > maxString) {
      throw tooBig(describe(major) + " of " + Long.toUnsignedString(length) + " bytes at byte "
          + itemAt + " exceeds the limit of " + maxString);
    }
    startString(major);
    int n = (int) length;
    if (end - i >= n) {
      // Whole payload at hand: validate and build in place, no copy through the buffer.
      if (stringIsKey && n <= CborKeys.MAX_BYTES) {
        textKey(b, i, n);
        itemDone();
        return i + n;
      }
      if (major == 3) {
        utf8(b, i, i + n);
        utf8End();
      }
      emitString(b, i, n);
      itemDone();
      return i + n;
    }
    payloadLeft = n;
    state = PAYLOAD;
    return i;
  }

  /** A short text key, whole at hand: from the shared table when seen before, else checked. */
  private void textKey(byte[] b, int i, int n) throws DecodeException {
    int hash = CborKeys.hash(b, i, n);
    String name = CborKeys.find(b, i, n, hash);
    if (name == null) {
      utf8(b, i, i + n);
      utf8End();
      name = CborKeys.add(b, i, n, hash);
    }
    handler.fieldName(name);
  }

  private void startString(int major) {
    stringIsKey = atKey();
    releaseTags();
    stringMajor = major;
    keep = stringIsKey || handler.wantsValue();
    buffered = 0;
  }

  private int payload(byte[] b, int i, int end) throws DecodeException {
    int n = Math.min(payloadLeft, end - i);
    if (stringMajor == 3) {
      utf8(b, i, i + n);
    }
    if (keep) {
      append(b, i, n);
    }
    payloadLeft -= n;
    if (payloadLeft == 0) {
      state = HEADER;
      // RFC 8949 3.2.3: each chunk of a text string is itself valid UTF-8, so check per chunk.
      if (stringMajor == 3) {
        utf8End();
      }
      if (!chunked) {
        emitString(buffer, 0, buffered);
        itemDone();
      }
    }
    return i + n;
  }

  private void append(byte[] b, int i, int n) {
    int needed = buffered + n;
    if (needed > buffer.length) {
      long doubled = Math.max(64L, 2L * buffer.length);
      buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(doubled, maxString)));
    }
    System.arraycopy(b, i, buffer, buffered, n);
    buffered = needed;
  }

  private void emitString(byte[] b, int off, int len) {
    if (stringIsKey) {
      handler.fieldName(new String(b, off, len, StandardCharsets.UTF_8));
    } else if (stringMajor == 3) {
      handler.stringValue(keep ? new String(b, off, len, StandardCharsets.UTF_8) : "");
    } else {
      handler.bytesValue(keep ? Arrays.copyOfRange(b, off, off + len) : NO_BYTES);
    }
  }

  /** Validates UTF-8 incrementally, so a string split across feeds needs no copy to be checked. */
  private void utf8(byte[] b, int i, int end) throws DecodeException {
    int needed = utf8Needed;
    int low = utf8Low;
    int high = utf8High;
    while (i < end) {
      if (needed == 0) {
        while (i < end && b[i] >= 0) {
          i++;
        }
        if (i == end) {
          break;
        }
        int c = b[i++] & 0xFF;
        if (c < 0xC2) {
          throw badUtf8("byte 0x" + Integer.toHexString(c) + " cannot start a character");
        } else if (c < 0xE0) {
          needed = 1;
        } else if (c < 0xF0) {
          needed = 2;
          // E0 would be overlong below A0; ED would reach the surrogates from A0.
          low = c == 0xE0 ? 0xA0 : 0x80;
          high = c == 0xED ? 0x9F : 0xBF;
        } else if (c < 0xF5) {
          needed = 3;
          // F0 would be overlong below 90; F4 would pass U+10FFFF from 90.
          low = c == 0xF0 ? 0x90 : 0x80;
          high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
          throw badUtf8("byte 0x" + Integer.toHexString(c) + " cannot start a character");
        }
      } else {
        int c = b[i++] & 0xFF;
        if (c < low || c > high) {
          throw badUtf8("byte 0x" + Integer.toHexString(c) + " cannot continue a character");
        }
        needed--;
        low = 0x80;
        high = 0xBF;
      }
    }
    utf8Needed = needed;
    utf8Low = low;
    utf8High = high;
  }

  private void utf8End() throws DecodeException {
    if (utf8Needed != 0) {
      throw badUtf8("a character is cut off at the end of the string or chunk");
    }
  }

  private DecodeException badUtf8(String why) {
    return DecodeException.malformed("invalid UTF-8 in the text string at byte " + itemAt + ": "
        + why);
  }

  private void push(int kind, long count) throws DecodeException {
    boolean definite = (kind & INDEFINITE) == 0;
    boolean map = (kind & MAP) != 0;
    if (definite && (count < 0 || count > maxItems)) {
      throw tooBig((map ? "map of " : "array of ") + Long.toUnsignedString(count)
          + (map ? " entries" : " items") + " at byte " + itemAt + " exceeds the limit of "
          + maxItems);
    }
    if (depth >= maxDepth) {
      throw tooBig("nesting deeper than " + maxDepth + " at byte " + itemAt);
    }
    if (++top == kinds.length) {
      int size = Math.min(kinds.length * 2, maxDepth + 1);
      kinds = Arrays.copyOf(kinds, size);
      counts = Arrays.copyOf(counts, size);
      tagsBefore = Arrays.copyOf(tagsBefore, size);
    }
    kinds[top] = kind;
    counts[top] = definite ? (map ? 2 * count : count) : 0;
    tagsBefore[top] = pendingTags;
    pendingTags = 0;
    depth++;
    if (map) {
      handler.startObject();
    } else {
      handler.startArray();
    }
    if (definite && count == 0) {
      pop();
      itemDone();
    }
  }

  private void pop() {
    depth -= 1 + tagsBefore[top];
    boolean map = (kinds[top--] & MAP) != 0;
    if (map) {
      handler.endObject();
    } else {
      handler.endArray();
    }
  }

  /** The item just read is complete: count it in its container and close what it completes. */
  private void itemDone() throws DecodeException {
    while (top >= 0) {
      long count = counts[top];
      int kind = kinds[top];
      if ((kind & INDEFINITE) != 0) {
        counts[top] = ++count;
        boolean map = (kind & MAP) != 0;
        if (count > (map ? 2 * maxItems : maxItems)) {
          throw tooBig("indefinite-length " + (map ? "map" : "array") + " grows past "
              + maxItems + (map ? " entries" : " items") + " at byte " + itemAt);
        }
        return;
      }
      if (count > 1) {
        counts[top] = count - 1;
        return;
      }
      pop();
    }
    state = DONE;
  }

  private boolean atKey() {
    return top >= 0 && (kinds[top] & MAP) != 0 && (counts[top] & 1) == 0;
  }

  private void tag(long number) throws DecodeException {
    // Tags count toward depth, or a long chain of them would be unbounded work per item.
    if (depth >= maxDepth) {
      throw tooBig("tags and containers nested deeper than " + maxDepth + " at byte " + itemAt);
    }
    pendingTags++;
    depth++;
    handler.tag(number);
  }

  private void releaseTags() {
    depth -= pendingTags;
    pendingTags = 0;
    absoluteSidKey = false;
  }

  private void simple(int ai, long arg) throws DecodeException {
    releaseTags();
    switch (ai) {
      case 20 -> handler.booleanValue(false);
      case 21 -> handler.booleanValue(true);
      case 22 -> handler.nullValue();
      case 24 -> {
        if (arg < 32) {
          throw DecodeException.malformed("two-byte simple value " + arg + " at byte " + itemAt
              + " is below 32 (RFC 8949 3.3)");
        }
        handler.simpleValue((int) arg);
      }
      case 25 -> handler.doubleValue(half((int) arg));
      case 26 -> handler.doubleValue(Float.intBitsToFloat((int) arg));
      case 27 -> handler.doubleValue(Double.longBitsToDouble(arg));
      default -> handler.simpleValue(ai);
    }
    itemDone();
  }

  /** IEEE 754 binary16 to double (Java 17 has no Float.float16ToFloat). */
  static double half(int bits) {
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    boolean negative = (bits & 0x8000) != 0;
    double magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24;
    } else if (exponent == 31) {
      if (mantissa != 0) {
        // Keep the NaN's payload and sign, as widening a float would.
        long sign = negative ? Long.MIN_VALUE : 0;
        return Double.longBitsToDouble(sign | 0x7FF0000000000000L | ((long) mantissa << 42));
      }
      magnitude = Double.POSITIVE_INFINITY;
    } else {
      magnitude = Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }
    return negative ? -magnitude : magnitude;
  }

  private static BigInteger unsigned(long bits) {
    return BigInteger.valueOf(bits & Long.MAX_VALUE).setBit(63);
  }

  private static DecodeException tooBig(String message) {
    return new DecodeException(DecodeException.Tag.TOO_BIG, message);
  }
}
