package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.httpsnotif.receiver.decode.BodyDecoder;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.Extracted;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POSTs every sample notification in every encoding it exists in to a receiver on a real
 * PostgreSQL, then reads each back through the query API: the bytes must be identical and the
 * extracted fields right.
 */
class EndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ReceiverExtension FIXTURE = new ReceiverExtension(options -> options.basePaths = List.of("/", "/some/path/"));

  /** One sample as sent. */
  record Sent(String file, String contentType, byte[] body) {}

  static List<Sent> samples() {
    List<Sent> sent = new ArrayList<>();
    int i = 0;
    for (String file : Splits.samples("")) {
      if (file.contains("capabilities") || file.contains("malformed") || file.endsWith("README.md")) {
        continue;
      }
      boolean alternate = i++ % 2 == 0;
      String type;
      if (file.endsWith(".json")) {
        type = alternate ? "application/json" : "application/yang-data+json";
      } else if (file.endsWith(".xml")) {
        type = alternate ? "application/xml" : "Application/YANG-Data+XML; charset=utf-8";
      } else if (file.endsWith("-sid.cbor")) {
        type = "application/yang-data+cbor; id=sid";
      } else if (file.endsWith(".cbor")) {
        type = alternate ? "application/yang-data+cbor; id=name" : "application/cbor";
      } else {
        throw new IllegalStateException("a sample of unknown kind: " + file);
      }
      sent.add(new Sent(file, type, Splits.read(file)));
    }
    return sent;
  }

  @Test
  void everySampleIsStoredExactlyAndReadBack() throws Exception {
    List<Sent> sent = samples();
    // 19 JSON, 4 XML and 11 CBOR notifications; a sample added later must be added here too.
    assertEquals(34, sent.size(), "samples found");
    long before = FIXTURE.db().count("SELECT count(*) FROM notification");
    List<Long> ids = new ArrayList<>();
    for (Sent s : sent) {
      TestReceiver.Response r = FIXTURE.receiver().post("/relay-notification", s.contentType(), s.body());
      assertEquals(204, r.status(), s.file() + ": " + r.text());
      assertEquals(0, r.body().length(), s.file());
      ids.add(newestId());
    }
    assertEquals(before + sent.size(), FIXTURE.db().count("SELECT count(*) FROM notification"));
    // Payloads large enough to be compressed are compressed with lz4 (design decision 3).
    assertEquals(
        FIXTURE.db().count("SELECT count(*) FROM notification WHERE pg_column_compression(payload) IS NOT NULL"),
        FIXTURE.db().count("SELECT count(*) FROM notification WHERE pg_column_compression(payload) = 'lz4'"));
    assertTrue(FIXTURE.db().count("SELECT count(*) FROM notification WHERE pg_column_compression(payload) = 'lz4'") > 0);

    for (int i = 0; i < sent.size(); i++) {
      Sent s = sent.get(i);
      long id = ids.get(i);
      TestReceiver.Response payload = FIXTURE.receiver().api("/api/notifications/" + id + "/payload");
      assertEquals(200, payload.status(), s.file());
      assertArrayEquals(s.body(), payload.body().getBytes(), s.file());
      assertEquals(s.contentType(), payload.headers().get("Content-Type"), s.file());

      JsonNode stored = JSON.readTree(FIXTURE.receiver().api("/api/notifications/" + id).text());
      Extracted expected = decode(s);
      assertEquals(expected.envelope(), stored.get("envelope").asText(), s.file());
      assertEquals(expected.notificationType(), stored.get("notification-type").asText(), s.file());
      assertEquals(expected.eventTimeRaw(), stored.get("event-time-raw").asText(), s.file());
      assertEquals(
          expected.eventTime().toInstant().toEpochMilli(),
          java.time.OffsetDateTime.parse(stored.get("event-time").asText()).toInstant().toEpochMilli(),
          s.file());
      assertEquals(optional(expected.subscriptionId()), text(stored, "subscription-id"), s.file());
      assertEquals(expected.hostname().orElse(null), text(stored, "hostname"), s.file());
      assertEquals(optional(expected.sequenceNumber()), text(stored, "sequence-number"), s.file());
      assertEquals(s.body().length, stored.get("payload-size").asInt(), s.file());
      assertEquals("/", stored.get("base-path").asText(), s.file());
      assertEquals("127.0.0.1", stored.get("publisher").asText(), s.file());
      checkContentView(s, stored);
    }
  }

  private static void checkContentView(Sent s, JsonNode stored) throws Exception {
    JsonNode content = stored.get("content");
    String derivation = stored.get("content-derivation").asText();
    if (s.file().endsWith(".json")) {
      assertEquals("json", derivation);
      assertEquals(JSON.readTree(s.body()), content, s.file());
    } else if (s.contentType().contains("id=sid")) {
      assertEquals("none", derivation, s.file());
      assertTrue(content == null || content.isNull(), s.file());
    } else if (s.file().endsWith(".cbor")) {
      assertEquals("cbor-names", derivation, s.file());
      Path decoded = Splits.SAMPLES.resolve(s.file() + ".json");
      if (Files.exists(decoded)) {
        // The devices' own JSON decode of the same message: the view must say the same.
        assertEquals(JSON.readTree(decoded.toFile()), JSON.readTree(JSON.writeValueAsString(content)), s.file());
      } else {
        assertTrue(content.has("ietf-https-notif:notification"), s.file());
      }
    } else {
      assertEquals("xml-best-effort", derivation, s.file());
      String wrapper = content.fieldNames().next();
      assertTrue(wrapper.endsWith(":notification") || wrapper.endsWith(":envelope"), wrapper);
      assertTrue(content.get(wrapper).has("eventTime") || content.get(wrapper).has("event-time"), s.file());
    }
  }

  @Test
  void aNotificationUnderAnotherBasePathRecordsIt() throws Exception {
    byte[] body = Splits.read("draft/https-notif-15/relay-notification.json");
    assertEquals(204, FIXTURE.receiver().post("/some/path/relay-notification", "application/json", body).status());
    JsonNode stored = JSON.readTree(FIXTURE.receiver().api("/api/notifications/" + newestId()).text());
    assertEquals("/some/path", stored.get("base-path").asText());
    // The -04 style: POST to the base path itself.
    assertEquals(204, FIXTURE.receiver().post("/some/path", "application/json", body).status());
  }

  /**
   * A body in one piece is stored from the array it arrived in; one in pieces is gathered into an
   * array of the receiver's own. Both must store the exact bytes.
   */
  @Test
  void aBodySentInPiecesIsStoredExactly() throws Exception {
    for (Sent s : samples()) {
      if (!s.file().startsWith("reference/") || s.body().length < 100) {
        continue;
      }
      byte[] body = s.body();
      List<byte[]> parts = List.of(
          java.util.Arrays.copyOfRange(body, 0, 1),
          java.util.Arrays.copyOfRange(body, 1, body.length / 3),
          java.util.Arrays.copyOfRange(body, body.length / 3, body.length));
      TestReceiver.Response r = FIXTURE.receiver().postChunked("/relay-notification", s.contentType(), parts);
      assertEquals(204, r.status(), s.file() + ": " + r.text());
      TestReceiver.Response payload = FIXTURE.receiver().api("/api/notifications/" + newestId() + "/payload");
      assertArrayEquals(body, payload.body().getBytes(), s.file());
    }
  }

  private static long newestId() throws Exception {
    JsonNode page = JSON.readTree(FIXTURE.receiver().api("/api/notifications?limit=1").text());
    return page.get("notifications").get(0).get("id").asLong();
  }

  private static Extracted decode(Sent s) throws Exception {
    BodyDecoder decoder = BodyFormat.of(s.contentType()).orElseThrow().newDecoder();
    decoder.feed(s.body(), 0, s.body().length);
    return decoder.end();
  }

  private static String optional(java.util.OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : null;
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }
}
