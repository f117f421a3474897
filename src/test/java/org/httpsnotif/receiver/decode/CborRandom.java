package org.httpsnotif.receiver.decode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes seeded random CBOR byte by byte, with the exact events our decoder must emit for it.
 * Written by hand because Jackson cannot write chunked strings, half floats or simple values.
 */
final class CborRandom {

  /** One generated body, the events it must decode to, and which encodings it used. */
  record Document(byte[] bytes, List<String> events, Set<String> features) {}

  private static final long[] WIDTH_EDGES = {
    0, 1, 23, 24, 255, 256, 65535, 65536, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE,
    Long.MIN_VALUE, -1L // the last two are 2^63 and 2^64-1 as unsigned
  };

  // No 2/3 (bignums, generated on their own), 4 (Jackson reads decimal fractions), 25/256
  // (Jackson applies stringrefs); Jackson cannot hold tags above 2^31-1.
  private static final long[] TAGS = {
    0, 1, 5, 6, 21, 22, 23, 24, 32, 33, 255, 256 + 1, 1000, 55799, 65535, 1 << 20, Integer.MAX_VALUE
  };

  private static final int[] HALF_EDGES = {
    0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x3C00, 0xBC00, 0x7BFF, 0xFBFF, 0x7C00, 0xFC00,
    0x7E00, 0x7C01, 0xFE00, 0x3555
  };

  private static final String[] CHARACTERS = {"a", "Z", "0", " ", "é", "ß", "€", "中", "\u0800",
    "\uFFFD", "😀", "\uD800\uDC00", "\uDBFF\uDFFF", "\u007F", "\u0080", "\u07FF", ":", "-"};

  private final Random random;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<String> events = new ArrayList<>();
  private final Set<String> features = new TreeSet<>();
  private int budget;

  private CborRandom(long seed) {
    random = new Random(seed);
    budget = 10 + random.nextInt(60);
  }

  static Document generate(long seed) {
    CborRandom writer = new CborRandom(seed);
    writer.item(4);
    return new Document(writer.out.toByteArray(), writer.events, writer.features);
  }

  private void item(int depth) {
    budget--;
    int kinds = depth > 0 && budget > 0 ? 14 : 10;
    switch (random.nextInt(kinds)) {
      case 0 -> unsigned();
      case 1 -> negative();
      case 2 -> text(false);
      case 3 -> bytes();
      case 4 -> half();
      case 5 -> single();
      case 6 -> dbl();
      case 7 -> simple();
      case 8 -> tagged(depth);
      case 9 -> bignum();
      case 10, 11 -> array(depth);
      default -> map(depth);
    }
  }

  private void unsigned() {
    long n = integer();
    head(0, n);
    events.add(n >= 0 ? "long:" + n : "big:" + Long.toUnsignedString(n));
  }

  private void negative() {
    long n = integer();
    head(1, n);
    BigInteger value = new BigInteger(Long.toUnsignedString(n)).negate().subtract(BigInteger.ONE);
    events.add(value.bitLength() < 64 ? "long:" + value : "big:" + value);
  }

  /** An argument at a width edge, next to one, or of random width; as unsigned 64 bits. */
  private long integer() {
    int pick = random.nextInt(4);
    if (pick == 0) {
      return WIDTH_EDGES[random.nextInt(WIDTH_EDGES.length)];
    }
    if (pick == 1) {
      return WIDTH_EDGES[random.nextInt(WIDTH_EDGES.length)] + (random.nextBoolean() ? 1 : -1);
    }
    int bits = 1 + random.nextInt(64);
    return bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
  }

  private void text(boolean key) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
    }
    String value = text.toString();
    events.add((key ? "name:" : "text:") + value);
    if (random.nextInt(4) > 0) {
      writeString(3, value.getBytes(StandardCharsets.UTF_8));
      return;
    }
    // Chunks end on character boundaries (RFC 8949 3.2.3), empty chunks included.
    features.add(key ? "chunked text key" : "chunked text");
    out.write(0x7F);
    int at = 0;
    while (at < value.length()) {
      int next = Math.min(value.length(), at + random.nextInt(4));
      if (next < value.length() && Character.isLowSurrogate(value.charAt(next))) {
        next++;
      }
      writeString(3, value.substring(at, next).getBytes(StandardCharsets.UTF_8));
      at = next;
    }
    if (random.nextBoolean()) {
      writeString(3, new byte[0]);
    }
    out.write(0xFF);
  }

  private void bytes() {
    byte[] value = randomBytes();
    events.add("bytes:" + HexFormat.of().formatHex(value));
    writeBytes(value);
  }

  private byte[] randomBytes() {
    byte[] value = new byte[random.nextInt(random.nextInt(10) == 0 ? 300 : 12)];
    random.nextBytes(value);
    return value;
  }

  private void writeBytes(byte[] value) {
    if (random.nextInt(3) > 0) {
      writeString(2, value);
      return;
    }
    features.add("chunked bytes");
    out.write(0x5F);
    int at = 0;
    while (at < value.length || random.nextInt(4) == 0) {
      int next = Math.min(value.length, at + random.nextInt(5));
      byte[] chunk = new byte[next - at];
      System.arraycopy(value, at, chunk, 0, chunk.length);
      writeString(2, chunk);
      at = next;
      if (at == value.length && random.nextBoolean()) {
        break;
      }
    }
    out.write(0xFF);
  }

  private void writeString(int major, byte[] value) {
    head(major, value.length);
    out.writeBytes(value);
  }

  private void half() {
    int bits = random.nextBoolean() ? HALF_EDGES[random.nextInt(HALF_EDGES.length)]
        : random.nextInt(0x10000);
    features.add("half");
    out.write(0xF9);
    out.write(bits >>> 8);
    out.write(bits);
    events.add(CborEvents.doubleEvent(halfValue(bits)));
  }

  /** binary16 by its definition, independently of the decoder's arithmetic. */
  private static double halfValue(int bits) {
    int exponent = (bits >> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    double sign = (bits & 0x8000) != 0 ? -1 : 1;
    if (exponent == 0) {
      return sign * Math.pow(2, -14) * (mantissa / 1024.0);
    }
    if (exponent == 31) {
      return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    return sign * Math.pow(2, exponent - 15) * (1 + mantissa / 1024.0);
  }

  private void single() {
    float value = switch (random.nextInt(6)) {
      case 0 -> Float.MIN_VALUE;
      case 1 -> -0.0f;
      case 2 -> Float.NaN;
      case 3 -> Float.NEGATIVE_INFINITY;
      default -> Float.intBitsToFloat(random.nextInt());
    };
    features.add("single");
    out.write(0xFA);
    writeLong(Float.floatToRawIntBits(value) & 0xFFFF_FFFFL, 4);
    events.add(CborEvents.doubleEvent(value));
  }

  private void dbl() {
    double value = switch (random.nextInt(6)) {
      case 0 -> Double.MIN_VALUE;
      case 1 -> -0.0;
      case 2 -> Double.NaN;
      case 3 -> Double.MAX_VALUE;
      default -> Double.longBitsToDouble(random.nextLong());
    };
    features.add("double");
    out.write(0xFB);
    writeLong(Double.doubleToRawLongBits(value), 8);
    events.add(CborEvents.doubleEvent(value));
  }

  private void simple() {
    switch (random.nextInt(6)) {
      case 0 -> {
        out.write(0xF4);
        events.add("false");
      }
      case 1 -> {
        out.write(0xF5);
        events.add("true");
      }
      case 2 -> {
        out.write(0xF6);
        events.add("null");
      }
      case 3 -> {
        out.write(0xF7);
        events.add("simple:23");
      }
      case 4 -> {
        int value = random.nextInt(20);
        out.write(0xE0 | value);
        events.add("simple:" + value);
      }
      default -> {
        int value = 32 + random.nextInt(224);
        features.add("two-byte simple");
        out.write(0xF8);
        out.write(value);
        events.add("simple:" + value);
      }
    }
  }

  private void tagged(int depth) {
    int count = 1 + random.nextInt(3);
    features.add(count + " tags");
    for (int i = 0; i < count; i++) {
      long tag = TAGS[random.nextInt(TAGS.length)];
      head(6, tag);
      events.add("tag:" + tag);
    }
    item(depth);
  }

  private void bignum() {
    if (random.nextBoolean()) {
      head(6, 1);
      events.add("tag:1");
    }
    long tag = random.nextBoolean() ? 2 : 3;
    features.add("bignum tag " + tag);
    head(6, tag);
    events.add("tag:" + tag);
    byte[] value = new byte[random.nextInt(20)];
    random.nextBytes(value);
    events.add("bytes:" + HexFormat.of().formatHex(value));
    writeBytes(value);
  }

  private void array(int depth) {
    int size = size();
    boolean indefinite = random.nextInt(3) == 0;
    if (indefinite) {
      features.add("indefinite array");
      out.write(0x9F);
    } else {
      head(4, size);
    }
    events.add("[");
    for (int i = 0; i < size; i++) {
      item(depth - 1);
    }
    if (indefinite) {
      out.write(0xFF);
    }
    events.add("]");
  }

  private void map(int depth) {
    int size = size();
    boolean indefinite = random.nextInt(3) == 0;
    if (indefinite) {
      features.add("indefinite map");
      out.write(0xBF);
    } else {
      head(5, size);
    }
    events.add("{");
    for (int i = 0; i < size; i++) {
      key();
      item(depth - 1);
    }
    if (indefinite) {
      out.write(0xFF);
    }
    events.add("}");
  }

  private int size() {
    return budget <= 0 ? 0 : random.nextInt(6);
  }

  private void key() {
    long sid = integer() & Long.MAX_VALUE;
    switch (random.nextInt(5)) {
      case 0, 1 -> text(true);
      case 2 -> {
        head(0, sid);
        events.add("id:" + sid);
      }
      case 3 -> {
        head(1, sid);
        events.add("id:" + (-1 - sid));
      }
      default -> {
        // RFC 9254 absolute SID.
        features.add("absolute SID key");
        head(6, 47);
        head(0, sid);
        events.add("tag:47");
        events.add("id:" + sid);
      }
    }
  }

  /** An initial byte and argument, sometimes wider than needed (valid, if not preferred). */
  private void head(int major, long argument) {
    int width;
    if (argument >= 0 && argument < 24) {
      width = 0;
    } else if (argument >= 0 && argument < 0x100) {
      width = 1;
    } else if (argument >= 0 && argument < 0x1_0000) {
      width = 2;
    } else if (argument >= 0 && argument < 0x1_0000_0000L) {
      width = 4;
    } else {
      width = 8;
    }
    if (width < 8 && random.nextInt(8) == 0) {
      width = width == 0 ? 1 : width * 2;
      features.add("wide argument");
    }
    features.add("argument width " + width);
    int ai = switch (width) {
      case 0 -> (int) argument;
      case 1 -> 24;
      case 2 -> 25;
      case 4 -> 26;
      default -> 27;
    };
    out.write(major << 5 | ai);
    writeLong(argument, width);
  }

  private void writeLong(long value, int width) {
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }
}
