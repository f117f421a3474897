package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every CBOR sample, decoded against Jackson and fed in every way a network can split it. */
class CborDecoderSamplesTest {

  static List<String> samples() {
    return Splits.samples(".cbor");
  }

  @Test
  void samplesAreThere() {
    assertTrue(samples().size() >= 15, "CBOR samples found: " + samples());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void matchesJackson(String sample) throws Exception {
    byte[] body = Splits.read(sample);
    List<String> ours = CborEvents.decode(body);
    assertTrue(ours.size() > 5, "too few events: " + ours);
    assertEquals(CborJackson.read(body), CborJackson.normalise(ours));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sameEventsHoweverSplit(String sample) throws Exception {
    byte[] body = Splits.read(sample);
    List<String> whole = CborEvents.decode(body);
    assertEquals(whole, CborEvents.decode(body, CborEvents.ones(body.length)), "one byte at a time");
    for (int cut = 1; cut < body.length; cut++) {
      assertEquals(whole, CborEvents.decode(body, List.of(cut, body.length - cut)), "split at " + cut);
    }
  }

  @Test
  void sidSampleHasSidKeys() throws Exception {
    List<String> events =
        CborEvents.decode(Splits.read("draft/https-notif-cbor-new-urns/relay-notification-sid.cbor"));
    assertEquals(
        List.of("{", "id:2601", "{", "id:1", "text:2013-12-21T00:01:00Z", "id:57400", "{",
            "id:1", "text:fault", "id:2", "{", "id:1", "text:Ethernet0", "}", "id:4",
            "text:major", "}", "}", "}"),
        events);
    assertFalse(events.stream().anyMatch(e -> e.startsWith("name:")));
  }

  @Test
  void namesSampleHasNameKeys() throws Exception {
    List<String> events = CborEvents.decode(
        Splits.read("draft/https-notif-cbor-new-urns/relay-notification-names.cbor"));
    assertEquals(
        List.of("{", "name:ietf-https-notif:notification", "{", "name:eventTime",
            "text:2013-12-21T00:01:00Z", "name:example-mod:event", "{", "name:severity",
            "text:major", "name:event-class", "text:fault", "name:reporting-entity", "{",
            "name:card", "text:Ethernet0", "}", "}", "}", "}"),
        events);
    assertFalse(events.stream().anyMatch(e -> e.startsWith("id:")));
  }
}
