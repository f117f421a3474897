package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Map keys through the shared table of names: the same events as built fresh, and no more. */
class CborKeysTest {

  /** A map of the given keys, each holding its index. */
  private static byte[] map(List<byte[]> keys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa0 + keys.size());
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i);
      if (key.length < 24) {
        out.write(0x60 + key.length);
      } else {
        out.write(0x78);
        out.write(key.length);
      }
      out.writeBytes(key);
      out.write(i);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The names of a body's keys, in order, the body fed whole. */
  private static List<String> names(byte[] body) throws DecodeException {
    return names(body, List.of(body.length));
  }

  /** The names of a body's keys, in order, the body fed in pieces of these sizes. */
  private static List<String> names(byte[] body, List<Integer> sizes) throws DecodeException {
    return CborEvents.decode(body, sizes).stream()
        .filter(e -> e.startsWith("name:"))
        .map(e -> e.substring(5))
        .toList();
  }

  @Test
  void aNameSeenBeforeIsTheSameString() throws Exception {
    byte[] body = map(List.of(utf8("in-unicast-pkts-cborkeys")));
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    new CborDecoder(keeping(first)).feed(body, 0, body.length);
    new CborDecoder(keeping(second)).feed(body, 0, body.length);
    assertEquals(List.of("in-unicast-pkts-cborkeys"), first);
    assertSame(first.get(0), second.get(0));
  }

  @Test
  void namesThatShareASlotStayApart() throws Exception {
    // Same length, same first and last eight bytes: the same hash, told apart by their bytes.
    String a = "abcdefgh-A-12345678";
    String b = "abcdefgh-B-12345678";
    assertEquals(CborKeys.hash(utf8(a), 0, a.length()), CborKeys.hash(utf8(b), 0, b.length()));
    byte[] body = map(List.of(utf8(a), utf8(b), utf8(a), utf8(b)));
    for (int round = 0; round < 3; round++) {
      assertEquals(List.of(a, b, a, b), names(body));
    }
  }

  @Test
  void shortLongAndWideNames() throws Exception {
    List<String> keys = List.of("", "a", "seven77", "eight888", "zähler", "ifIndex→名前",
        "x".repeat(CborKeys.MAX_BYTES), "y".repeat(CborKeys.MAX_BYTES + 1));
    List<byte[]> bytes = new ArrayList<>();
    for (String key : keys) {
      bytes.add(utf8(key));
    }
    byte[] body = map(bytes);
    assertEquals(keys, names(body));
    assertEquals(keys, names(body));
    for (int size = 1; size < body.length; size++) {
      assertEquals(keys, names(body, List.of(size, body.length - size)));
    }
  }

  @Test
  void aBadNameIsRefusedEveryTime() throws Exception {
    byte[] bad = {'o', 'k', (byte) 0xC3, '!'};
    byte[] body = map(List.of(bad));
    for (int round = 0; round < 2; round++) {
      DecodeException e = assertThrows(DecodeException.class, () -> CborEvents.decode(body));
      assertEquals(DecodeException.Tag.MALFORMED_MESSAGE, e.tag());
    }
    // Nor after a good name that differs in the last byte only.
    byte[] good = {'o', 'k', (byte) 0xC3, (byte) 0xA9};
    assertEquals(List.of("oké"), names(map(List.of(good))));
    assertThrows(DecodeException.class, () -> CborEvents.decode(body));
  }

  /** A handler that keeps the names the decoder hands over, the String objects themselves. */
  private static TokenHandler keeping(List<String> names) {
    return (TokenHandler) Proxy.newProxyInstance(TokenHandler.class.getClassLoader(),
        new Class<?>[] {TokenHandler.class}, (proxy, method, args) -> {
          if (method.getName().equals("fieldName")) {
            names.add((String) args[0]);
          }
          return method.getName().equals("wantsValue") ? Boolean.TRUE : null;
        });
  }
}
