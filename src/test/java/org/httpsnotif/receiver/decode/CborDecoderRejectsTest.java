package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.httpsnotif.receiver.decode.DecodeException.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies the decoder must refuse, each with the error tag and a word of the message. */
class CborDecoderRejectsTest {

  private static final Tag MALFORMED = Tag.MALFORMED_MESSAGE;
  private static final Tag INVALID = Tag.INVALID_VALUE;
  private static final Tag TOO_BIG = Tag.TOO_BIG;

  static Stream<Arguments> table() {
    return Stream.of(
        bad("empty body", "", MALFORMED, "empty"),
        bad("reserved AI 28 on an integer", "1c", MALFORMED, "reserved"),
        bad("reserved AI 29 on a negative integer", "3d", MALFORMED, "reserved"),
        bad("reserved AI 30 on a byte string", "5e", MALFORMED, "reserved"),
        bad("reserved AI 28 on a text string", "7c", MALFORMED, "reserved"),
        bad("reserved AI 29 on an array", "9d", MALFORMED, "reserved"),
        bad("reserved AI 30 on a map", "be", MALFORMED, "reserved"),
        bad("reserved AI 28 on a tag", "dc", MALFORMED, "reserved"),
        bad("reserved AI 30 on major 7", "fe", MALFORMED, "reserved"),
        bad("reserved AI inside an array", "82 01 1d", MALFORMED, "reserved"),
        bad("string of 2^63 bytes", "5b 8000000000000000", TOO_BIG, "exceeds"),
        bad("text of 2^64-1 bytes", "7b ffffffffffffffff", TOO_BIG, "exceeds"),
        bad("string of 2^32 bytes", "7b 0000000100000000", TOO_BIG, "exceeds"),
        bad("array of 2^32 items", "9b 0000000100000000", TOO_BIG, "array of"),
        bad("map of 2^64-1 entries", "bb ffffffffffffffff", TOO_BIG, "map of"),
        bad("indefinite text never closed", "7f 61 61", MALFORMED, "truncated"),
        bad("indefinite bytes never closed", "5f", MALFORMED, "truncated"),
        bad("indefinite array never closed", "9f 01 02", MALFORMED, "truncated"),
        bad("tag with no item", "c1", MALFORMED, "truncated"),
        bad("bad continuation byte", "62 c3 28", MALFORMED, "UTF-8"),
        bad("overlong two-byte", "62 c0 af", MALFORMED, "UTF-8"),
        bad("overlong two-byte C1", "62 c1 bf", MALFORMED, "UTF-8"),
        bad("overlong three-byte", "63 e0 80 af", MALFORMED, "UTF-8"),
        bad("overlong four-byte", "64 f0 80 80 af", MALFORMED, "UTF-8"),
        bad("high surrogate", "63 ed a0 80", MALFORMED, "UTF-8"),
        bad("low surrogate", "63 ed bf bf", MALFORMED, "UTF-8"),
        bad("above U+10FFFF", "64 f4 90 80 80", MALFORMED, "UTF-8"),
        bad("F5 lead byte", "64 f5 80 80 80", MALFORMED, "UTF-8"),
        bad("FF byte", "61 ff", MALFORMED, "UTF-8"),
        bad("lone continuation", "61 80", MALFORMED, "UTF-8"),
        bad("truncated sequence", "61 c3", MALFORMED, "UTF-8"),
        bad("truncated four-byte", "63 f0 9f 98", MALFORMED, "UTF-8"),
        bad("character split across chunks", "7f 61 c3 61 a9 ff", MALFORMED, "UTF-8"),
        bad("invalid UTF-8 in a key", "a1 61 ff 01", MALFORMED, "UTF-8"),
        bad("invalid UTF-8 deep in a value", "a1 61 61 81 81 62 e2 82", MALFORMED, "UTF-8"),
        bad("break at top level", "ff", MALFORMED, "break"),
        bad("break in a definite array", "82 01 ff", MALFORMED, "break"),
        bad("break in a definite map", "a1 ff", MALFORMED, "break"),
        bad("break after a key", "bf 61 61 ff", MALFORMED, "no value"),
        bad("break after a tag", "9f c1 ff", MALFORMED, "tag"),
        bad("byte chunk in text", "7f 41 61 ff", MALFORMED, "chunks"),
        bad("text chunk in bytes", "5f 61 61 ff", MALFORMED, "chunks"),
        bad("integer chunk in bytes", "5f 01 ff", MALFORMED, "chunks"),
        bad("tag chunk in text", "7f c1 61 61 ff", MALFORMED, "chunks"),
        bad("array in bytes", "5f 80 ff", MALFORMED, "chunks"),
        bad("nested indefinite text", "7f 7f ff ff", MALFORMED, "nested"),
        bad("indefinite array in text", "7f 9f ff ff", MALFORMED, "nested"),
        bad("indefinite unsigned", "1f", MALFORMED, "indefinite length"),
        bad("indefinite negative", "3f", MALFORMED, "indefinite length"),
        bad("indefinite tag", "df 01", MALFORMED, "indefinite length"),
        bad("two-byte simple 0", "f8 00", MALFORMED, "simple"),
        bad("two-byte simple 31", "f8 1f", MALFORMED, "simple"),
        bad("two integers", "01 02", INVALID, "more than one data item"),
        bad("two maps", "a0 a0", INVALID, "more than one data item"),
        bad("item after indefinite array", "9f ff 00", INVALID, "more than one data item"),
        bad("byte-string key", "a1 41 61 01", MALFORMED, "key"),
        bad("false key", "a1 f4 01", MALFORMED, "key"),
        bad("null key", "a1 f6 01", MALFORMED, "key"),
        bad("float key", "a1 f9 3c00 01", MALFORMED, "key"),
        bad("array key", "a1 80 01", MALFORMED, "key"),
        bad("map key", "a1 a0 01", MALFORMED, "key"),
        bad("indefinite bytes key", "a1 5f ff 01", MALFORMED, "key"),
        bad("indefinite array key", "bf 9f ff 01 ff", MALFORMED, "key"),
        bad("indefinite map key", "bf bf ff 01 ff", MALFORMED, "key"),
        bad("tag 1 on a key", "a1 c1 01 01", MALFORMED, "key"),
        bad("tag 47 on a text key", "a1 d8 2f 61 61 01", MALFORMED, "tag 47"),
        bad("tag 47 on a negative key", "a1 d8 2f 20 01", MALFORMED, "tag 47"),
        bad("tag 47 twice on a key", "a1 d8 2f d8 2f 01 01", MALFORMED, "tag 47"),
        bad("tag 47 on an indefinite text key", "a1 d8 2f 7f ff 01", MALFORMED, "tag 47"),
        bad("key of 2^63", "a1 1b 8000000000000000 01", INVALID, "SID"),
        bad("key of -1-2^63", "a1 3b 8000000000000000 01", INVALID, "SID"));
  }

  private static Arguments bad(String name, String hex, Tag tag, String word) {
    return Arguments.of(name, hex, tag, word);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void refuses(String name, String hex, Tag tag, String word) {
    byte[] body = CborEvents.hex(hex);
    for (List<Integer> sizes : List.of(List.of(body.length), CborEvents.ones(body.length))) {
      DecodeException e = assertThrows(DecodeException.class, () -> CborEvents.decode(body, sizes));
      assertEquals(tag, e.tag(), e.getMessage());
      assertTrue(e.getMessage().contains(word), e.getMessage());
    }
  }

  /** Limits refuse on the header, so a hostile length costs nothing before it is refused. */
  @ParameterizedTest
  @MethodSource("hugeHeaders")
  void hugeHeaderFailsOnFeedBeforeEnd(String hex) {
    byte[] header = CborEvents.hex(hex);
    CborDecoder decoder = new CborDecoder(new CborEvents());
    DecodeException e = assertThrows(DecodeException.class, () -> decoder.feed(header, 0, header.length));
    assertEquals(TOO_BIG, e.tag());
  }

  static Stream<String> hugeHeaders() {
    return Stream.of("5b 8000000000000000", "7b 7fffffffffffffff", "9b 7fffffffffffffff",
        "bb 0000000100000000", "7a 01000001", "5a 7fffffff");
  }

  @ParameterizedTest
  @MethodSource("org.httpsnotif.receiver.decode.CborDecoderSamplesTest#samples")
  void truncatedSampleFailsAtEnd(String sample) throws Exception {
    byte[] body = Splits.read(sample);
    for (int length = 0; length < body.length; length++) {
      byte[] prefix = Arrays.copyOf(body, length);
      CborDecoder decoder = new CborDecoder(new CborEvents());
      decoder.feed(prefix, 0, length);
      DecodeException e = assertThrows(DecodeException.class, decoder::end, "length " + length);
      assertEquals(MALFORMED, e.tag());
      assertTrue(e.getMessage().startsWith(length == 0 ? "empty" : "truncated"), e.getMessage());
    }
  }

  @Test
  void sampleTwiceIsTwoItems() throws Exception {
    byte[] one = Splits.read("reference/data.cbor");
    byte[] two = Arrays.copyOf(one, one.length * 2);
    System.arraycopy(one, 0, two, one.length, one.length);
    DecodeException e = assertThrows(DecodeException.class, () -> CborEvents.decode(two));
    assertEquals(INVALID, e.tag());
    assertTrue(e.getMessage().contains("byte " + one.length), e.getMessage());
  }

  @Test
  void hundredThousandDeepArrayFailsOnDepth() {
    for (int initial : new int[] {0x81, 0x9F}) {
      byte[] body = new byte[100_000];
      Arrays.fill(body, (byte) initial);
      DecodeException e = assertThrows(DecodeException.class, () -> CborEvents.decode(body));
      assertEquals(TOO_BIG, e.tag());
      assertTrue(e.getMessage().contains("deeper than 1000"), e.getMessage());
    }
  }

  @Test
  void tenThousandTagsFailOnDepth() {
    byte[] body = new byte[10_001];
    Arrays.fill(body, (byte) 0xC1);
    body[10_000] = 0x00;
    DecodeException e = assertThrows(DecodeException.class, () -> CborEvents.decode(body));
    assertEquals(TOO_BIG, e.tag());
    assertTrue(e.getMessage().contains("deeper than 1000"), e.getMessage());
  }

  @Test
  void tagsAndContainersShareTheDepthLimit() throws Exception {
    CborDecoder.Limits three = new CborDecoder.Limits(3, 100, 100);
    assertEquals(List.of("[", "tag:1", "[", "]", "]"),
        CborEvents.decode(CborEvents.hex("81 c1 80"), List.of(3), three));
    DecodeException e = assertThrows(DecodeException.class,
        () -> CborEvents.decode(CborEvents.hex("81 c1 81 80"), List.of(4), three));
    assertEquals(TOO_BIG, e.tag());
    // A tag gives its depth back once its item is read, scalar or container.
    assertEquals(List.of("[", "tag:1", "long:0", "[", "[", "]", "]", "]"),
        CborEvents.decode(CborEvents.hex("82 c1 00 81 80"), List.of(5), three));
    assertEquals(List.of("[", "tag:1", "[", "]", "[", "[", "]", "]", "]"),
        CborEvents.decode(CborEvents.hex("82 c1 80 81 80"), List.of(5), three));
  }

  @Test
  void itemLimitsApplyToDeclaredAndIndefiniteContainers() {
    CborDecoder.Limits two = new CborDecoder.Limits(10, 100, 2);
    for (String hex : List.of("83 01 02 03", "9f 01 02 03 ff", "a3 01 01 02 02 03 03",
        "bf 01 01 02 02 03 03 ff")) {
      byte[] body = CborEvents.hex(hex);
      DecodeException e = assertThrows(DecodeException.class,
          () -> CborEvents.decode(body, List.of(body.length), two), hex);
      assertEquals(TOO_BIG, e.tag(), hex);
    }
  }

  @Test
  void chunkedStringRespectsTheStringLimit() throws Exception {
    CborDecoder.Limits four = new CborDecoder.Limits(10, 4, 10);
    assertEquals(List.of("text:aaab"),
        CborEvents.decode(CborEvents.hex("7f 63 616161 61 62 ff"), List.of(8), four));
    for (String hex : List.of("7f 63 616161 62 6262 ff", "5f 43 010203 42 0405 ff", "65 6161616161",
        "45 0102030405")) {
      byte[] body = CborEvents.hex(hex);
      DecodeException e = assertThrows(DecodeException.class,
          () -> CborEvents.decode(body, List.of(body.length), four), hex);
      assertEquals(TOO_BIG, e.tag(), hex);
    }
  }

  @Test
  void invalidUtf8IsRefusedEvenWhenTheValueIsNotWanted() {
    for (String hex : List.of("62 c3 28", "7f 61 c3 61 a9 ff")) {
      byte[] body = CborEvents.hex(hex);
      CborDecoder decoder = new CborDecoder(new CborEvents(false));
      DecodeException e = assertThrows(DecodeException.class, () -> {
        decoder.feed(body, 0, body.length);
        decoder.end();
      });
      assertEquals(MALFORMED, e.tag());
    }
  }

  @Test
  void neverClosedIndefiniteStringStaysIncomplete() {
    byte[] body = new byte[1 + 1000 * 2];
    body[0] = 0x7F;
    for (int i = 0; i < 1000; i++) {
      body[1 + 2 * i] = 0x61;
      body[2 + 2 * i] = 'x';
    }
    DecodeException e = assertThrows(DecodeException.class,
        () -> CborEvents.decode(body, CborEvents.ones(body.length)));
    assertEquals(MALFORMED, e.tag());
    assertTrue(e.getMessage().contains("indefinite-length string"), e.getMessage());
  }
}
