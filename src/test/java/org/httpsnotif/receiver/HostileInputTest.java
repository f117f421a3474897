package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken and malicious requests: each gets its exact status (or a closed connection), stores
 * nothing, and leaves the receiver accepting a valid notification right after.
 */
class HostileInputTest {

  private static final int LIMIT = 1 << 20;
  private static final String TIME = "2026-03-04T10:15:30Z";
  private static final String RFC5277 = "<notification xmlns=\"urn:ietf:params:xml:ns:netconf:notification:1.0\">";

  @RegisterExtension
  static final ReceiverExtension FIXTURE = new ReceiverExtension(options -> {
    options.bodyLimit = LIMIT;
    options.headerTimeout = 2;
    options.bodyTimeout = 2;
  });

  static Stream<Arguments> bodies() {
    byte[] cbor = Splits.read("reference/data.cbor");
    byte[] json = Splits.read("reference/data-compact-2025-03.json");
    return Stream.of(
        Arguments.of("truncated JSON", "application/json", Splits.read("reference/negative-from-lua/malformed.json"), 400),
        Arguments.of("truncated XML", "application/xml", Splits.read("reference/negative-from-lua/malformed.xml"), 400),
        Arguments.of("truncated CBOR", "application/yang-data+cbor", Arrays.copyOf(cbor, cbor.length - 10), 400),
        Arguments.of("random bytes as JSON", "application/json", random(1), 400),
        Arguments.of("random bytes as XML", "application/xml", random(2), 400),
        Arguments.of("random bytes as CBOR", "application/yang-data+cbor", random(3), 400),
        Arguments.of("CBOR body labelled JSON", "application/json", cbor, 400),
        Arguments.of("JSON body labelled CBOR", "application/cbor", json, 400),
        Arguments.of("JSON body labelled XML", "application/xml", json, 400),
        Arguments.of("empty JSON body", "application/json", new byte[0], 400),
        Arguments.of("empty XML body", "application/xml", new byte[0], 400),
        Arguments.of("empty CBOR body", "application/yang-data+cbor", new byte[0], 400),
        Arguments.of("no Content-Type", null, json, 415),
        Arguments.of("JSON nested 100,000 deep", "application/json",
            utf8("{\"ietf-https-notif:notification\":{\"eventTime\":\"" + TIME + "\",\"a:b\":" + "[".repeat(100_000)), 400),
        Arguments.of("XML nested 100,000 deep", "application/xml",
            utf8(RFC5277 + "<eventTime>" + TIME + "</eventTime>" + "<a>".repeat(100_000)), 400),
        Arguments.of("CBOR nested 100,000 deep", "application/yang-data+cbor", repeated((byte) 0x81, 100_000, (byte) 0), 400),
        Arguments.of("XML with a DTD", "application/xml",
            utf8("<?xml version=\"1.0\"?><!DOCTYPE notification [<!ELEMENT notification ANY>]>" + RFC5277
                + "<eventTime>" + TIME + "</eventTime><e xmlns=\"urn:x\"><a/></e></notification>"), 400),
        Arguments.of("XML external entity", "application/xml",
            utf8("<?xml version=\"1.0\"?><!DOCTYPE n [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + RFC5277
                + "<eventTime>" + TIME + "</eventTime><e xmlns=\"urn:x\"><a>&xxe;</a></e></notification>"), 400),
        Arguments.of("XML billion laughs", "application/xml", utf8(billionLaughs()), 400),
        Arguments.of("XML undeclared entity", "application/xml",
            utf8(RFC5277 + "<eventTime>" + TIME + "</eventTime><e xmlns=\"urn:x\"><a>&lol;</a></e></notification>"), 400),
        Arguments.of("CBOR 2^63-byte string", "application/yang-data+cbor",
            new byte[] {(byte) 0xa1, 0x7b, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, 400),
        Arguments.of("CBOR indefinite string never closed", "application/yang-data+cbor",
            new byte[] {(byte) 0xa1, 0x7f, 0x61, 'a', 0x61, 'b'}, 400),
        Arguments.of("CBOR invalid UTF-8", "application/yang-data+cbor",
            new byte[] {(byte) 0xa1, 0x62, (byte) 0xc3, 0x28, (byte) 0xa0}, 400),
        Arguments.of("CBOR reserved additional information", "application/yang-data+cbor", new byte[] {0x1c}, 400),
        Arguments.of("CBOR 10,000-deep tag chain", "application/yang-data+cbor", repeated((byte) 0xc6, 10_000, (byte) 0), 400),
        Arguments.of("two notifications", "application/json",
            utf8(notificationText() + notificationText()), 400),
        Arguments.of("event time missing", "application/json",
            utf8("{\"ietf-https-notif:notification\":{\"a:b\":{}}}"), 400),
        Arguments.of("event time not a date-and-time", "application/json",
            utf8("{\"ietf-https-notif:notification\":{\"eventTime\":\"last Tuesday\",\"a:b\":{}}}"), 400),
        Arguments.of("envelope with no notification", "application/json",
            utf8("{\"ietf-yp-notification:envelope\":{\"event-time\":\"" + TIME + "\",\"contents\":{}}}"), 400),
        Arguments.of("XML envelope with no notification", "application/xml",
            utf8("<envelope xmlns=\"urn:ietf:params:xml:ns:yang:ietf-yp-notification\"><event-time>" + TIME
                + "</event-time><contents/></envelope>"), 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void refusedAndNothingStored(String name, String contentType, byte[] body, int status) throws Exception {
    long before = FIXTURE.rows();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      tls.write(head(contentType, "Content-Length: " + body.length)).write(body);
      assertEquals(status, tls.status(), name);
    }
    assertStillServing(before);
  }

  @Test
  void aGigabyteContentLengthIs413AtOnce() throws Exception {
    long before = FIXTURE.rows();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      tls.write(head("application/json", "Content-Length: 1073741824")).write(notification());
      assertEquals(413, tls.status());
    }
    assertStillServing(before);
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    long before = FIXTURE.rows();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      tls.write(head("application/json", "Transfer-Encoding: chunked"));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      for (int i = 0; i < LIMIT / chunk.length + 2; i++) {
        tls.write(Integer.toHexString(chunk.length) + "\r\n").write(chunk).write("\r\n");
      }
      tls.write("0\r\n\r\n");
      assertEquals(413, tls.status());
    }
    assertStillServing(before);
  }

  @Test
  void headersAByteASecondAreCutOff() throws Exception {
    long before = FIXTURE.rows();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      // The header timeout is 2 s; ten bytes at one a second would take ten.
      tls.trickle(head("application/json", "Content-Length: 10"), 1000, 10);
      assertEquals(RawTls.CLOSED, tls.status());
    }
    assertStillServing(before);
  }

  @Test
  void aBodyAByteASecondIs408() throws Exception {
    long before = FIXTURE.rows();
    byte[] body = notification();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      tls.write(head("application/json", "Content-Length: " + body.length));
      // The body timeout is 2 s; the whole body at one byte a second would take minutes.
      tls.trickle(body, 1000, 5);
      assertEquals(408, tls.status());
    }
    assertStillServing(before);
  }

  @Test
  void anOversizedHeaderSectionIsRefused() throws Exception {
    long before = FIXTURE.rows();
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      byte[] body = notification();
      tls.write(head("application/json", "Content-Length: " + body.length + "\r\nX-Padding: " + "x".repeat(20_000))).write(body);
      int status = tls.status();
      assertTrue(status == 431 || status == RawTls.CLOSED, "status " + status);
    }
    assertStillServing(before);
  }

  /** Nothing was stored, and a valid notification right after is taken. */
  private static void assertStillServing(long before) throws Exception {
    assertEquals(before, FIXTURE.rows(), "nothing stored");
    try (RawTls tls = new RawTls(FIXTURE.receiver().options.ingestPort)) {
      byte[] body = notification();
      tls.write(head("application/json", "Content-Length: " + body.length)).write(body);
      assertEquals(204, tls.status());
    }
    assertEquals(before + 1, FIXTURE.rows());
  }

  private static byte[] head(String contentType, String framing) {
    return utf8("POST /relay-notification HTTP/1.1\r\nHost: receiver\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + framing + "\r\n\r\n");
  }

  private static byte[] notification() {
    return utf8(notificationText());
  }

  private static String notificationText() {
    return "{\"ietf-https-notif:notification\":{\"eventTime\":\"" + TIME + "\",\"a:b\":{\"c\":1}}}";
  }

  private static String billionLaughs() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    return dtd + "]>" + RFC5277 + "<eventTime>" + TIME + "</eventTime><e xmlns=\"urn:x\"><a>&lol9;</a></e></notification>";
  }

  private static byte[] random(long seed) {
    byte[] bytes = new byte[2048];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] repeated(byte b, int times, byte last) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(times + 1);
    for (int i = 0; i < times; i++) {
      out.write(b);
    }
    out.write(last);
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
