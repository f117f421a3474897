package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact events for hand-written bodies: the encodings the generator can only sample. */
class CborDecoderTest {

  private static List<String> decode(String hex) throws DecodeException {
    return CborEvents.decode(CborEvents.hex(hex));
  }

  @Test
  void integersAtEveryWidthBoundary() throws Exception {
    assertEquals(List.of("[", "long:23", "long:24", "long:255", "long:256", "long:65535",
            "long:65536", "long:4294967295", "long:4294967296", "long:9223372036854775807",
            "big:9223372036854775808", "big:18446744073709551615", "]"),
        decode("8b 17 1818 18ff 190100 19ffff 1a00010000 1affffffff 1b0000000100000000"
            + " 1b7fffffffffffffff 1b8000000000000000 1bffffffffffffffff"));
    assertEquals(List.of("[", "long:-1", "long:-24", "long:-25", "long:-256", "long:-257",
            "long:-4294967296", "long:-9223372036854775808", "big:-9223372036854775809",
            "big:-18446744073709551616", "]"),
        decode("89 20 37 3818 38ff 390100 3affffffff 3b7fffffffffffffff 3b8000000000000000"
            + " 3bffffffffffffffff"));
  }

  @Test
  void halfFloats() throws Exception {
    assertEquals(List.of("[", "double:0.0", "double:-0.0", "double:1.0", "double:1.5",
            "double:65504.0", "double:5.9604644775390625E-8", "double:6.097555160522461E-5",
            "double:6.103515625E-5", "double:Infinity", "double:-Infinity", "double:NaN",
            "double:-4.0", "]"),
        decode("8c f90000 f98000 f93c00 f93e00 f97bff f90001 f903ff f90400 f97c00 f9fc00 f97e00"
            + " f9c400"));
    // NaNs keep sign, quiet bit and payload, as widening a float does.
    assertEquals(0x7FF8000000000000L, Double.doubleToRawLongBits(CborDecoder.half(0x7E00)));
    assertEquals(0xFFF8000000000000L, Double.doubleToRawLongBits(CborDecoder.half(0xFE00)));
    assertEquals(0x7FF0040000000000L, Double.doubleToRawLongBits(CborDecoder.half(0x7C01)));
  }

  @Test
  void singleAndDoubleFloats() throws Exception {
    assertEquals(List.of("[", "double:100000.0", "double:3.4028234663852886E38",
            "double:1.401298464324817E-45", "double:1.1", "double:-4.1", "]"),
        decode("85 fa47c35000 fa7f7fffff fa00000001 fb3ff199999999999a fbc010666666666666"));
  }

  @Test
  void simpleValues() throws Exception {
    assertEquals(List.of("[", "false", "true", "null", "simple:23", "simple:0", "simple:19",
            "simple:32", "simple:255", "]"),
        decode("88 f4 f5 f6 f7 e0 f3 f820 f8ff"));
  }

  @Test
  void chunkedStringsAreAssembled() throws Exception {
    assertEquals(List.of("[", "text:streaming", "bytes:0102030405", "text:", "bytes:", "]"),
        decode("84 7f 65 7374726561 64 6d696e67 ff 5f 42 0102 43 030405 ff 7f ff 5f 40 ff"));
    assertEquals(List.of("{", "name:ab", "long:1", "}"), decode("bf 7f 61 61 61 62 ff 01 ff"));
  }

  @Test
  void tagsComeBeforeTheirItem() throws Exception {
    assertEquals(List.of("tag:55799", "tag:1", "{", "name:t", "tag:0", "text:2013-03-21T20:04:00Z",
            "}"),
        decode("d9d9f7 c1 a1 61 74 c0 74 323031332d30332d32315432303a30343a30305a"));
    assertEquals(List.of("tag:2", "bytes:010000000000000000"), decode("c2 49 010000000000000000"));
    assertEquals(List.of("tag:18446744073709551615", "long:0"), decode("dbffffffffffffffff 00"));
  }

  @Test
  void sidKeysAndAbsoluteSids() throws Exception {
    assertEquals(List.of("{", "id:2601", "{", "id:1", "long:5", "id:-3", "long:6", "tag:47",
            "id:60001", "null", "}", "}"),
        decode("a1 190a29 a3 01 05 22 06 d82f 1a0000ea61 f6"));
  }

  @Test
  void unwantedValuesAreValidatedButNotBuilt() throws Exception {
    CborEvents recorder = new CborEvents(false);
    CborDecoder decoder = new CborDecoder(recorder);
    byte[] body = CborEvents.hex("a2 61 61 63 e282ac 61 62 5f 41 01 ff");
    decoder.feed(body, 0, body.length);
    decoder.end();
    assertEquals(List.of("{", "name:a", "text:", "name:b", "bytes:", "}"), recorder.events());
  }

  @Test
  void deepNestingUsesNoCallStack() {
    int depth = 100_000;
    byte[] body = new byte[depth + 1];
    Arrays.fill(body, 0, depth, (byte) 0x81);
    body[depth] = 0x00;
    CborDecoder decoder =
        new CborDecoder(new CborEvents(), new CborDecoder.Limits(depth, 16, 16));
    assertDoesNotThrow(() -> {
      decoder.feed(body, 0, body.length);
      decoder.end();
    });
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new CborDecoder.Limits(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new CborDecoder.Limits(1, -1, 1));
    assertEquals(new CborDecoder.Limits(1000, 16 * 1024 * 1024, 1_000_000),
        CborDecoder.Limits.DEFAULT);
  }
}
