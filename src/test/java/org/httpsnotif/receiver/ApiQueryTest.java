package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query API's filters, keyset pages and refusals over a known set of notifications. */
class ApiQueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ReceiverExtension FIXTURE = new ReceiverExtension();
  private static final List<String> FILES =
      List.of(
          "devices/huawei-ne8000/subscription-started.json",
          "devices/huawei-ne8000/push-update-small.json",
          "devices/huawei-ne8000/subscription-modified.json",
          "devices/6wind-vsr-json/push-update.json",
          "draft/https-notif-15/relay-notification.json");

  @BeforeAll
  static void postTheNotifications() {
    for (String file : FILES) {
      assertEquals(204, FIXTURE.receiver().post("/relay-notification", "application/json", Splits.read(file)).status(), file);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''|5
          type=ietf-yang-push:push-update|2
          type=example-mod:event|1
          subscription-id=5|1
          subscription-id=1|2
          hostname=ipf-zbl1243-r-daisy-21|3
          event-time-from=2025-01-01T00:00:00Z|4
          event-time-to=2025-01-01T00:00:00Z|1
          event-time-from=2025-03-15T03:32:50Z&event-time-to=2025-03-15T03:39:10Z|2
          received-from=2000-01-01T00:00:00Z|5
          received-to=2000-01-01T00:00:00Z|0
          publisher=127.0.0.1|5
          publisher=192.0.2.1|0
          type=ietf-yang-push:push-update&hostname=daisy-ietf-ipf-zbl1843-r-daisy-58|1
          """)
  void filters(String query, int expected) throws Exception {
    JsonNode page = get("/api/notifications?" + query);
    assertEquals(expected, page.get("notifications").size(), page.toString());
  }

  @Test
  void pagesFollowTheCursorWithoutGapsOrRepeats() throws Exception {
    for (String order : new String[] {"newest", "oldest"}) {
      List<Long> ids = new ArrayList<>();
      String next = "/api/notifications?limit=2&order=" + order;
      int pages = 0;
      while (next != null) {
        JsonNode page = get(next);
        page.get("notifications").forEach(n -> ids.add(n.get("id").asLong()));
        JsonNode cursor = page.get("next-cursor");
        next = cursor.isNull() ? null : "/api/notifications?limit=2&order=" + order + "&cursor=" + cursor.asLong();
        pages++;
      }
      assertEquals(5, ids.size(), ids.toString());
      assertEquals(3, pages);
      List<Long> sorted = new ArrayList<>(ids);
      sorted.sort(order.equals("newest") ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
      assertEquals(sorted, ids);
      assertEquals(5, ids.stream().distinct().count());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          limit=0|limit
          limit=1001|limit
          limit=ten|limit
          order=sideways|order
          bogus=1|bogus
          event-time-from=yesterday|event-time-from
          received-to=2026-13-01T00:00:00Z|received-to
          subscription-id=-1|subscription-id
          cursor=abc|cursor
          type=|type
          limit=1&limit=2|limit
          """)
  void badParametersAre400NamingThem(String query, String parameter) throws Exception {
    TestReceiver.Response r = FIXTURE.receiver().api("/api/notifications?" + query);
    assertEquals(400, r.status(), r.text());
    String message = JSON.readTree(r.text()).get("ietf-restconf:errors").get("error").get(0).get("error-message").asText();
    assertTrue(message.contains("'" + parameter + "'"), message);
  }

  @Test
  void singleNotificationsAndTheirPayloads() throws Exception {
    assertEquals(400, FIXTURE.receiver().api("/api/notifications/abc").status());
    assertEquals(404, FIXTURE.receiver().api("/api/notifications/999999").status());
    assertEquals(404, FIXTURE.receiver().api("/api/notifications/999999/payload").status());
    assertEquals(405, FIXTURE.receiver().api(HttpMethod.POST, "/api/notifications").status());
    assertEquals(404, FIXTURE.receiver().api("/api/nothing").status());
  }

  @Test
  void healthSaysTheDatabaseIsUp() throws Exception {
    TestReceiver.Response r = FIXTURE.receiver().api("/health");
    assertEquals(200, r.status());
    assertEquals("up", JSON.readTree(r.text()).get("status").asText());
  }

  private static JsonNode get(String uri) throws Exception {
    TestReceiver.Response r = FIXTURE.receiver().api(uri);
    assertEquals(200, r.status(), r.text());
    return JSON.readTree(r.text());
  }
}
