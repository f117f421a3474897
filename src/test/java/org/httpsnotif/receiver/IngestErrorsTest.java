package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused request gets its status and an RFC 8040 error body, and stores nothing. */
class IngestErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int LIMIT = 64 * 1024;
  @RegisterExtension static final ReceiverExtension FIXTURE = new ReceiverExtension(options -> options.bodyLimit = LIMIT);

  private static long rows() {
    return FIXTURE.rows();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          truncated JSON|reference/negative-from-lua/malformed.json|application/json|400|malformed-message|truncated JSON
          truncated XML|reference/negative-from-lua/malformed.xml|application/xml|400|malformed-message|
          JSON sent as XML|draft/https-notif-15/relay-notification.json|application/xml|400|malformed-message|
          XML sent as JSON|draft/https-notif-15/relay-notification.xml|application/json|400|malformed-message|malformed JSON
          JSON sent as CBOR|draft/https-notif-15/relay-notification.json|application/yang-data+cbor|400|-|
          not a notification|draft/https-notif-15/capabilities-response.json|application/json|400|invalid-value|unknown notification envelope 'receiver-capabilities'
          plain text|draft/https-notif-15/relay-notification.json|text/plain|415|invalid-value|unsupported media type 'text/plain'
          no content type|draft/https-notif-15/relay-notification.json|-|415|invalid-value|no Content-Type
          unknown id parameter|devices/6wind-vsr-cbor/msg-0000-pub0-mid0.cbor|application/yang-data+cbor; id=xyz|415|invalid-value|unsupported media type
          """)
  void refusesBadBodies(String name, String file, String type, int status, String tag, String message)
      throws Exception {
    long before = rows();
    TestReceiver.Response r = FIXTURE.receiver().post("/relay-notification", type, Splits.read(file));
    assertEquals(status, r.status(), r.text());
    JsonNode error = error(r);
    if (tag != null) {
      assertEquals(tag, error.get("error-tag").asText());
    }
    if (message != null) {
      assertTrue(error.get("error-message").asText().contains(message), error.toString());
    }
    assertEquals(before, rows(), "nothing stored");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          empty body||empty body
          two notifications|{"ietf-https-notif:notification":{"eventTime":"2026-01-01T00:00:00Z","a:b":{}}}{"ietf-https-notif:notification":{"eventTime":"2026-01-01T00:00:00Z","a:b":{}}}|more than one notification
          no event time|{"ietf-https-notif:notification":{"a:b":{}}}|missing event time
          event time not a date-and-time|{"ietf-https-notif:notification":{"eventTime":"Tuesday","a:b":{}}}|not a date-and-time
          envelope with nothing inside|{"ietf-yp-notification:envelope":{"event-time":"2026-01-01T00:00:00Z","contents":{}}}|holds no notification
          unknown envelope|{"my:notification":{"eventTime":"2026-01-01T00:00:00Z","a:b":{}}}|unknown notification envelope
          """)
  void refusesBadJson(String name, String body, String message) throws Exception {
    long before = rows();
    TestReceiver.Response r =
        FIXTURE.receiver().post("/relay-notification", "application/json", (body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.status(), r.text());
    assertTrue(error(r).get("error-message").asText().contains(message), r.text());
    assertEquals(before, rows(), "nothing stored");
  }

  @Test
  void refusesABodyOverTheLimitByItsContentLength() throws Exception {
    long before = rows();
    byte[] body = padded(LIMIT + 1);
    TestReceiver.Response r = FIXTURE.receiver().post("/relay-notification", "application/json", body);
    assertEquals(413, r.status(), r.text());
    assertEquals("too-big", error(r).get("error-tag").asText());
    assertEquals(before, rows());
    // Just under the limit is fine.
    assertEquals(204, FIXTURE.receiver().post("/relay-notification", "application/json", padded(LIMIT)).status());
  }

  @Test
  void theSenderOfAFarTooLargeBodyReadsItsStatusNotAReset() throws Exception {
    // The receiver refuses on the headers while the sender is still writing; closing at once
    // would have the kernel reset the connection under the sender before it reads the 413.
    long before = rows();
    byte[] body = padded(8 * LIMIT);
    for (int i = 0; i < 20; i++) {
      TestReceiver.Response r = FIXTURE.receiver().post("/relay-notification", "application/json", body);
      assertEquals(413, r.status(), r.text());
    }
    assertEquals(before, rows());
  }

  @Test
  void refusesAChunkedBodyOverTheLimitWhileStreaming() {
    long before = rows();
    byte[] body = padded(LIMIT + 10);
    int third = body.length / 3;
    TestReceiver.Response r =
        FIXTURE.receiver().postChunked("/relay-notification", "application/json", List.of(
            Arrays.copyOfRange(body, 0, third),
            Arrays.copyOfRange(body, third, 2 * third),
            Arrays.copyOfRange(body, 2 * third, body.length)));
    assertEquals(413, r.status(), r.text());
    assertEquals(before, rows());
    byte[] fits = padded(LIMIT - 10);
    assertEquals(204, FIXTURE.receiver().postChunked("/relay-notification", "application/json", List.of(fits)).status());
  }

  @Test
  void aTruncatedCborBodyIsMalformed() throws Exception {
    byte[] whole = Splits.read("devices/6wind-vsr-cbor/msg-0001-pub0-mid1.cbor");
    long before = rows();
    TestReceiver.Response r =
        FIXTURE.receiver().post("/relay-notification", "application/yang-data+cbor", Arrays.copyOf(whole, whole.length - 5));
    assertEquals(400, r.status(), r.text());
    assertEquals(before, rows());
  }

  @Test
  void errorsToXmlRequestsAreXml() {
    TestReceiver.Response r =
        FIXTURE.receiver().post("/relay-notification", "application/yang-data+xml", "<notification".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.status());
    assertEquals("application/yang-data+xml", r.headers().get("Content-Type"));
    assertTrue(r.text().contains("<errors xmlns=\"urn:ietf:params:xml:ns:yang:ietf-restconf\">"), r.text());
    assertTrue(r.text().contains("<error-tag>malformed-message</error-tag>"), r.text());
  }

  @Test
  void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
    TestReceiver.Response missing = FIXTURE.receiver().ingest(HttpMethod.GET, "/nothing-here", Map.of());
    assertEquals(404, missing.status());
    assertEquals("invalid-value", error(missing).get("error-tag").asText());

    TestReceiver.Response getRelay = FIXTURE.receiver().ingest(HttpMethod.GET, "/relay-notification", Map.of());
    assertEquals(405, getRelay.status());
    assertEquals("POST", getRelay.headers().get("Allow"));
    assertEquals("operation-not-supported", error(getRelay).get("error-tag").asText());

    TestReceiver.Response postCapabilities =
        FIXTURE.receiver().post("/capabilities", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(405, postCapabilities.status());
    assertEquals("GET, HEAD", postCapabilities.headers().get("Allow"));
  }

  @ParameterizedTest(name = "[{index}] Accept: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''|application/json
          */*|application/json
          application/json|application/json
          application/yang-data+json|application/yang-data+json
          application/xml|application/xml
          'application/xml, application/json;q=0.5'|application/xml
          'application/json;q=0.5, application/xml'|application/xml
          application/yang-data+cbor|application/yang-data+cbor
          text/html|application/json
          """)
  void capabilitiesFollowAccept(String accept, String expectedType) throws Exception {
    TestReceiver.Response r =
        FIXTURE.receiver().ingest(HttpMethod.GET, "/capabilities", accept.isEmpty() ? Map.of() : Map.of("Accept", accept));
    assertEquals(200, r.status());
    assertEquals(expectedType, r.headers().get("Content-Type"));
    assertEquals("no-cache", r.headers().get("Cache-Control"));
    String body;
    if (expectedType.endsWith("cbor")) {
      body = new CBORMapper().readTree(r.body().getBytes()).toString();
    } else {
      body = r.text();
    }
    for (String encoding : new String[] {"json", "xml", "cbor"}) {
      assertTrue(body.contains("urn:ietf:params:yang-notif:https-capability:encoding:" + encoding), body);
      assertTrue(body.contains("urn:ietf:capability:https-notif-receiver:encoding:" + encoding), body);
    }
    assertTrue(body.contains("receiver-capabilities"), body);
  }

  /** The one error of an RFC 8040 errors body, JSON or XML, as JSON. */
  private static JsonNode error(TestReceiver.Response r) throws Exception {
    String type = r.headers().get("Content-Type");
    if (type.equals("application/yang-data+xml")) {
      ObjectNode error = JSON.createObjectNode();
      for (String leaf : new String[] {"error-type", "error-tag", "error-message"}) {
        Matcher m = Pattern.compile("<" + leaf + ">(.*?)</" + leaf + ">", Pattern.DOTALL).matcher(r.text());
        assertTrue(m.find(), r.text());
        error.put(leaf, m.group(1));
      }
      return error;
    }
    assertEquals("application/yang-data+json", type, r.text());
    return JSON.readTree(r.text()).get("ietf-restconf:errors").get("error").get(0);
  }

  /** A valid notification padded with spaces to exactly the size. */
  private static byte[] padded(int size) {
    byte[] notification = Splits.read("draft/https-notif-15/relay-notification.json");
    byte[] body = Arrays.copyOf(notification, size);
    Arrays.fill(body, notification.length, size, (byte) ' ');
    return body;
  }
}
