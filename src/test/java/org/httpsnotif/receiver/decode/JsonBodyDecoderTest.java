package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyDecoderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          devices/6wind-vsr-cbor/msg-0000-pub0-mid0.cbor.json|yp-envelope|2025-03-05T10:33:52.789464824+00:00|ietf-subscribed-notifications:subscription-started|12345678|daisy-ietf-ipf-zbl1843-r-daisy-58|0
          devices/6wind-vsr-cbor/msg-0001-pub0-mid1.cbor.json|yp-envelope|2025-03-05T10:33:53.076011162+00:00|ietf-yang-push:push-update|1|daisy-ietf-ipf-zbl1843-r-daisy-58|1
          devices/6wind-vsr-cbor/msg-0005-pub0-mid5.cbor.json|yp-envelope|2025-03-05T10:35:54.151075921+00:00|ietf-yang-push:push-update|1|daisy-ietf-ipf-zbl1843-r-daisy-58|5
          devices/6wind-vsr-json/push-change-update.json|yp-envelope|2025-03-04T07:33:37.990675414+00:00|ietf-yang-push:push-change-update|3|daisy-ietf-ipf-zbl1843-r-daisy-58|51
          devices/6wind-vsr-json/push-update.json|yp-envelope|2025-03-04T07:31:36.793746915+00:00|ietf-yang-push:push-update|3|daisy-ietf-ipf-zbl1843-r-daisy-58|49
          devices/6wind-vsr-json/subscription-started.json|yp-envelope|2025-03-04T07:31:36.806021107+00:00|ietf-subscribed-notifications:subscription-started|12345678|daisy-ietf-ipf-zbl1843-r-daisy-58|48
          devices/huawei-ne8000/push-update-large.json|notification|2025-03-15T03:26:08Z|ietf-yang-push:push-update|1|ipf-zbl1243-r-daisy-21|2547
          devices/huawei-ne8000/push-update-small.json|notification|2025-03-15T03:32:50Z|ietf-yang-push:push-update|1|ipf-zbl1243-r-daisy-21|27
          devices/huawei-ne8000/subscription-modified.json|notification|2025-03-15T03:39:10Z|ietf-subscribed-notifications:subscription-modified|5|ipf-zbl1243-r-daisy-21|17
          devices/huawei-ne8000/subscription-started.json|notification|2025-03-15T03:33:14Z|ietf-subscribed-notifications:subscription-started|1|ipf-zbl1243-r-daisy-21|0
          devices/huawei-ne8000/subscription-terminated.json|notification|2025-03-15T03:26:25Z|ietf-subscribed-notifications:subscription-terminated|5|ipf-zbl1243-r-daisy-21|16
          draft/https-notif-15/relay-notification.json|https-notif|2013-12-21T00:01:00Z|example-mod:event|-|-|-
          reference/data-compact-2025-03.json|https-notif|2025-03-17T19:43:27.972894Z|interface_data|-|-|-
          reference/data.json|https-notif|2025-03-17T19:43:27.972894Z|interface_data|-|-|-
          reference/early-2024-11/data.json|https-notif|2013-12-21T00:01:00Z|event|-|-|-
          reference/negative-from-lua/valid-event-oneline.json|https-notif|2013-12-21T00:01:00Z|event|-|-|-
          """)
  void extractsTheEnvelopeFieldsOfEverySample(
      String file, String envelope, String time, String type, Long sub, String host, Long seq)
      throws DecodeException {
    List<Extracted> results = Splits.everyWay(JsonBodyDecoder::withDefaults, Splits.read(file));
    Extracted expected =
        new Extracted(
            envelope,
            OffsetDateTime.parse(time),
            time,
            type,
            sub == null ? OptionalLong.empty() : OptionalLong.of(sub),
            Optional.ofNullable(host),
            seq == null ? OptionalLong.empty() : OptionalLong.of(seq));
    for (Extracted result : results) {
      assertEquals(expected, result);
    }
  }

  @Test
  void everyJsonNotificationSampleIsInTheTable() {
    List<String> files = Splits.samples(".json");
    // Two are not notifications: the capabilities example and the truncated negative sample.
    assertEquals(21, files.size(), files.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          empty|''|MALFORMED_MESSAGE|empty body
          whitespace|'   '|MALFORMED_MESSAGE|empty body
          truncated|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "event": {"a": 1}}|MALFORMED_MESSAGE|truncated
          garbage|{"ietf-https-notif:notification" x|MALFORMED_MESSAGE|malformed JSON
          array|[1,2]|INVALID_VALUE|one object
          scalar|42|INVALID_VALUE|one object
          unknown envelope|{"foo:notification": {"eventTime": "2013-12-21T00:01:00Z", "e": {}}}|INVALID_VALUE|unknown notification envelope 'foo:notification'
          two top members|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "e": {}}, "ietf-restconf:notification": {}}|INVALID_VALUE|more than one member
          two documents|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "e": {}}} {"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "e": {}}}|INVALID_VALUE|more than one notification
          two notifications|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "a:e": {}, "a:f": {}}}|INVALID_VALUE|more than one notification in one body: 'a:e' and 'a:f'
          no event time|{"ietf-https-notif:notification": {"a:e": {}}}|INVALID_VALUE|missing event time
          bad event time|{"ietf-https-notif:notification": {"eventTime": "yesterday", "a:e": {}}}|INVALID_VALUE|not a date-and-time
          impossible date|{"ietf-https-notif:notification": {"eventTime": "2013-02-30T00:01:00Z", "a:e": {}}}|INVALID_VALUE|not a valid date-and-time
          numeric event time|{"ietf-https-notif:notification": {"eventTime": 12, "a:e": {}}}|INVALID_VALUE|must be a date-and-time string
          two event times|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "event-time": "2013-12-21T00:01:00Z", "a:e": {}}}|INVALID_VALUE|more than one event time
          no notification|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z"}}|INVALID_VALUE|holds no notification
          empty envelope contents|{"ietf-yp-notification:envelope": {"event-time": "2013-12-21T00:01:00Z", "contents": {}}}|INVALID_VALUE|holds no notification
          envelope is a string|{"ietf-https-notif:notification": "x"}|INVALID_VALUE|must be an object
          negative sequence|{"ietf-yp-notification:envelope": {"event-time": "2013-12-21T00:01:00Z", "sequence-number": -1, "contents": {"a:e": {}}}}|INVALID_VALUE|must not be negative
          negative subscription id|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "ietf-yang-push:push-update": {"id": -3}}}|INVALID_VALUE|must not be negative
          exponent without digits|0e+|MALFORMED_MESSAGE|malformed JSON: Malformed numeric value (0e+)
          truncated in an exponent|{"ietf-https-notif:notification": {"eventTime": 1e-|MALFORMED_MESSAGE|truncated JSON
          deep nesting|{"ietf-https-notif:notification": {"eventTime": "2013-12-21T00:01:00Z", "a:e": DEEP}}|MALFORMED_MESSAGE|nesting depth
          """)
  void refusesBadBodies(String name, String body, DecodeException.Tag tag, String message) {
    String text = body.replace("DEEP", "[".repeat(100_000));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> Splits.feed(JsonBodyDecoder.withDefaults(), bytes, List.of(bytes.length)));
    assertEquals(tag, e.tag(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          three members|{"a":1,"b":2,"c":3}|true
          four members|{"a":1,"b":2,"c":3,"d":4}|false
          three items|[1,[2],{"x":3}]|true
          four items|[1,2,3,4]|false
          four nested containers|[[],[],{},[]]|false
          """)
  void boundsTheMembersOfOneContainer(String name, String leaf, boolean fits) throws DecodeException {
    byte[] body = ("{\"ietf-https-notif:notification\": {\"eventTime\": \"2013-12-21T00:01:00Z\", \"a:e\": {\"x\": "
        + leaf + "}}}").getBytes(StandardCharsets.UTF_8);
    JsonBodyDecoder.Limits limits = new JsonBodyDecoder.Limits(64, 1000, 100, 3);
    if (fits) {
      assertEquals("a:e", Splits.feed(new JsonBodyDecoder(limits), body, List.of(body.length)).notificationType());
    } else {
      DecodeException e = assertThrows(DecodeException.class,
          () -> Splits.feed(new JsonBodyDecoder(limits), body, List.of(body.length)));
      assertEquals(DecodeException.Tag.TOO_BIG, e.tag(), e.getMessage());
    }
  }

  @Test
  void acceptsTheRestconfWrapperAndStringSubscriptionIds() throws DecodeException {
    byte[] body =
        """
        {"ietf-restconf:notification": {"eventTime": "2026-03-04t10:15:30.123456789123z",
          "ietf-yang-push:push-update": {"id": "42", "datastore-contents": {"id": 7}}}}
        """
            .getBytes(StandardCharsets.UTF_8);
    Extracted e = Splits.everyWay(JsonBodyDecoder::withDefaults, body).get(0);
    assertEquals("restconf", e.envelope());
    assertEquals(OffsetDateTime.parse("2026-03-04T10:15:30.123456789Z"), e.eventTime());
    assertEquals(OptionalLong.of(42), e.subscriptionId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a number as the envelope, then a second point|1.5.6|INVALID_VALUE
          a point after a number in the notification|{"x": 1.5.6}|MALFORMED_MESSAGE
          a comma before a closing brace|{"x": 1, }|MALFORMED_MESSAGE
          a colon before a closing brace|{"x": }|MALFORMED_MESSAGE
          a comma before a closing bracket|[1, ]|MALFORMED_MESSAGE
          """)
  void refusesWithTheSameTagHoweverItIsSplit(String name, String value, DecodeException.Tag tag) {
    // Jackson's async parser reads these differently when a chunk ends after the ',' or ':' or
    // inside the number; the decoder keeps such tails back.
    byte[] body = ("{\"ietf-https-notif:notification\": "
        + (value.startsWith("1") ? value : "{\"eventTime\": \"2013-12-21T00:01:00Z\", \"a:e\": "
        + value + "}") + "}").getBytes(StandardCharsets.UTF_8);
    List<List<Integer>> splits = new ArrayList<>(List.of(List.of(body.length)));
    List<Integer> ones = new ArrayList<>();
    for (int cut = 0; cut <= body.length; cut++) {
      splits.add(List.of(cut, body.length - cut));
      ones.add(1);
    }
    splits.add(ones.subList(0, body.length));
    for (List<Integer> sizes : splits) {
      DecodeException e = assertThrows(DecodeException.class,
          () -> Splits.feed(JsonBodyDecoder.withDefaults(), body, sizes));
      assertEquals(tag, e.tag(), sizes + ": " + e.getMessage());
    }
  }

  @Test
  void allocatesNoMoreAfterBodiesWithOtherNames() throws DecodeException {
    // Decoders sharing Jackson's symbol tables copied every name earlier bodies brought, each time
    // a body had a name not among them. Now the pool starts over past its cap, so a body with a new
    // name costs at most a copy of the cap's worth: compare the dearest body of each of two spans
    // a full cycle long, one early, one after thousands of names. Whatever this thread pooled
    // before, both spans see the pool at its fullest.
    int cycle = 2 * JsonBodyDecoder.MAX_POOLED_NAMES;
    allocatedDecoding(withName("warm-up"));
    long early = 0;
    long late = 0;
    for (int i = 0; i < 5 * cycle; i++) {
      long allocated = allocatedDecoding(withName("name-" + i));
      if (i < cycle) {
        early = Math.max(early, allocated);
      } else if (i >= 4 * cycle) {
        late = Math.max(late, allocated);
      }
    }
    assertTrue(late < early + 16 * 1024, "early " + early + " bytes, late " + late);
  }

  @Test
  void poolsTheNamesOfABodyForTheNextButNotWithoutBound() throws DecodeException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      many.append(i == 0 ? "" : ", ").append("\"n").append(i).append("\": ").append(i);
    }
    byte[] usual = withName("x");
    byte[] body = json(new String(withName("x"), StandardCharsets.UTF_8).replace("\"x\": 1", many));
    Splits.feed(JsonBodyDecoder.withDefaults(), body, List.of(body.length));
    int afterMany = JsonBodyDecoder.pooledNames(JsonBodyDecoder.Limits.DEFAULT);
    assertTrue(afterMany <= JsonBodyDecoder.MAX_POOLED_NAMES, "the thread's factory keeps " + afterMany);
    // A body whose names are pooled reads as before, and pools its names for the next.
    Extracted first = Splits.feed(JsonBodyDecoder.withDefaults(), usual, List.of(usual.length));
    int pooled = JsonBodyDecoder.pooledNames(JsonBodyDecoder.Limits.DEFAULT);
    assertTrue(pooled >= 3 && pooled <= JsonBodyDecoder.MAX_POOLED_NAMES, "pooled " + pooled);
    assertEquals(first, Splits.feed(JsonBodyDecoder.withDefaults(), usual, List.of(9, usual.length - 9)));
    assertEquals(pooled, JsonBodyDecoder.pooledNames(JsonBodyDecoder.Limits.DEFAULT));
    // A body that fails pools nothing.
    byte[] broken = json("{\"broken-name\": [}");
    assertThrows(DecodeException.class, () -> Splits.feed(JsonBodyDecoder.withDefaults(), broken, List.of(broken.length)));
    assertEquals(pooled, JsonBodyDecoder.pooledNames(JsonBodyDecoder.Limits.DEFAULT));
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withName(String name) {
    return ("{\"ietf-https-notif:notification\": {\"eventTime\": \"2013-12-21T00:01:00Z\","
        + " \"a:e\": {\"" + name + "\": 1}}}").getBytes(StandardCharsets.UTF_8);
  }

  private static long allocatedDecoding(byte[] body) throws DecodeException {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadAllocatedBytes();
    Splits.feed(JsonBodyDecoder.withDefaults(), body, List.of(body.length));
    return threads.getCurrentThreadAllocatedBytes() - start;
  }
}
