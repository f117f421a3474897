package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlJsonViewTest {

  @Test
  void showsTheDraftExampleAsARestconfNotification() throws DecodeException {
    ObjectNode view =
        XmlJsonView.toJson(Splits.read("draft/https-notif-15/relay-notification.xml"));
    assertEquals(List.of("ietf-restconf:notification"), names(view));
    JsonNode notification = view.get("ietf-restconf:notification");
    assertEquals(List.of("eventTime", "example-mod:event"), names(notification));
    assertEquals("2019-03-22T12:35:00Z", notification.get("eventTime").textValue());
    assertEquals(
        "Ethernet0",
        view.at("/ietf-restconf:notification/example-mod:event/reporting-entity/card").textValue());
    assertEquals("major", notification.at("/example-mod:event/severity").textValue());
  }

  @Test
  void leavesAnEventInTheWrappersNamespaceUnqualified() throws DecodeException {
    ObjectNode view = XmlJsonView.toJson(Splits.read("reference/early-2024-11/data.xml"));
    JsonNode notification = view.get("ietf-restconf:notification");
    assertEquals(List.of("eventTime", "event"), names(notification));
    assertEquals("2013-12-21T00:01:00Z", notification.get("eventTime").textValue());
    assertEquals("fault", notification.at("/event/event-class").textValue());
  }

  @Test
  void turnsTheReferenceInterfacesIntoAnArray() throws DecodeException {
    ObjectNode view = XmlJsonView.toJson(Splits.read("reference/data.xml"));
    JsonNode notification = view.get("ietf-https-notif:notification");
    assertEquals(List.of("eventTime", "interface_data"), names(notification));
    assertEquals("2025-03-17T22:33:58.812159Z", notification.get("eventTime").textValue());
    JsonNode interfaces = notification.at("/interface_data/interface");
    assertTrue(interfaces.isArray(), interfaces::toString);
    assertEquals(7, interfaces.size());
    assertEquals("wlp2s0", interfaces.get(0).get("name").textValue());
    assertEquals("veth1", interfaces.get(6).get("name").textValue());
    assertEquals("2005896840", interfaces.get(0).at("/statistics/in-octets").textValue());
    assertEquals("true", interfaces.get(0).get("enabled").textValue());
  }

  @Test
  void showsWhatTheReferencePublisherSends() throws DecodeException {
    ObjectNode view = XmlJsonView.toJson(Splits.read("reference/publisher-data.xml"));
    JsonNode interfaces = view.at("/ietf-https-notif:notification/interface_data/interface");
    assertEquals(10, interfaces.size());
    assertEquals("docker0", interfaces.get(0).get("name").textValue());
    assertEquals(
        "2025-05-14T10:16:14.543048Z",
        view.at("/ietf-https-notif:notification/eventTime").textValue());
  }

  @Test
  void namesAnUnknownRootByItsOwnName() throws DecodeException {
    ObjectNode view =
        XmlJsonView.toJson(Splits.read("draft/https-notif-15/capabilities-response.xml"));
    JsonNode capabilities = view.at("/receiver-capabilities/receiver-capability");
    assertEquals(3, capabilities.size());
    assertEquals(
        "urn:ietf:capability:https-notif-receiver:encoding:xml", capabilities.get(1).textValue());
  }

  @Test
  void refusesATruncatedSample() {
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> XmlJsonView.toJson(Splits.read("reference/negative-from-lua/malformed.xml")));
    assertEquals(DecodeException.Tag.MALFORMED_MESSAGE, e.tag());
  }

  @Test
  void qualifiesMembersWhereTheModuleChanges() throws DecodeException {
    ObjectNode view =
        view(
            """
            <envelope xmlns="urn:ietf:params:xml:ns:yang:ietf-yp-notification">
              <event-time>2025-03-04T07:31:36.793746915+00:00</event-time>
              <contents>
                <push-update xmlns="urn:ietf:params:xml:ns:yang:ietf-yang-push">
                  <id>3</id>
                  <datastore-contents>
                    <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
                      <interface>
                        <name>eth0</name>
                        <ipv4 xmlns="urn:ietf:params:xml:ns:yang:ietf-ip"><mtu>1500</mtu></ipv4>
                      </interface>
                      <interface><name>eth1</name></interface>
                    </interfaces>
                  </datastore-contents>
                </push-update>
              </contents>
            </envelope>
            """);
    JsonNode envelope = view.get("ietf-yp-notification:envelope");
    assertEquals(List.of("event-time", "contents"), names(envelope));
    JsonNode update = envelope.at("/contents/ietf-yang-push:push-update");
    assertEquals("3", update.get("id").textValue());
    JsonNode interfaces = update.at("/datastore-contents/ietf-interfaces:interfaces/interface");
    assertEquals(2, interfaces.size());
    assertEquals("1500", interfaces.get(0).at("/ietf-ip:ipv4/mtu").textValue());
    assertEquals("eth1", interfaces.get(1).get("name").textValue());
  }

  @Test
  void followsTheDocumentedRulesForLeavesAndSiblings() throws DecodeException {
    ObjectNode view =
        view(
            "<?xml version='1.0'?><!-- dropped -->"
                + "<ietf-https-notif:notification><eventTime>2026-03-04T10:15:30Z</eventTime>"
                + "<ex:alarm kind='dropped'>"
                + "<text> a &amp; b &#x41; <![CDATA[<c>]]></text>"
                + "<empty/><item>1</item><other>x</other><item>2</item>"
                + "<mixed>dropped<child>kept</child>dropped</mixed>"
                + "<plain><deep>in no namespace</deep></plain>"
                + "</ex:alarm></ietf-https-notif:notification>");
    JsonNode alarm = view.at("/ietf-https-notif:notification/ex:alarm");
    assertEquals(List.of("text", "empty", "item", "other", "mixed", "plain"), names(alarm));
    assertEquals(" a & b A <c>", alarm.get("text").textValue());
    assertEquals("", alarm.get("empty").textValue());
    assertEquals("[\"1\",\"2\"]", alarm.get("item").toString());
    assertEquals("{\"child\":\"kept\"}", alarm.get("mixed").toString());
    assertEquals("in no namespace", alarm.at("/plain/deep").textValue());
  }

  @Test
  void refusesWhatIngestRefuses() {
    DecodeException dtd =
        assertThrows(
            DecodeException.class,
            () -> view("<!DOCTYPE n [<!ENTITY x 'y'>]><notification>&x;</notification>"));
    assertEquals("DTDs are not accepted (<!DOCTYPE>)", dtd.getMessage());
    DecodeException entity =
        assertThrows(DecodeException.class, () -> view("<notification>&x;</notification>"));
    assertEquals(DecodeException.Tag.MALFORMED_MESSAGE, entity.tag());
  }

  /** The deepest view ingest allows, arrays at every level, must still serialise. */
  @Test
  void staysWithinJacksonsWriteNestingAtTheDepthLimit() throws Exception {
    int depth = XmlBodyDecoder.Limits.DEFAULT.maxDepth();
    StringBuilder xml = new StringBuilder("<notification>");
    for (int level = 2; level <= depth; level++) {
      xml.append("<c/><c>");
    }
    for (int level = 2; level <= depth; level++) {
      xml.append("</c>");
    }
    xml.append("</notification>");
    String json = new ObjectMapper().writeValueAsString(view(xml.toString()));
    assertTrue(json.startsWith("{\"ietf-restconf:notification\":{\"c\":[\"\",{\"c\":"), json);
  }

  private static ObjectNode view(String xml) throws DecodeException {
    return XmlJsonView.toJson(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(JsonNode node) {
    return node.properties().stream().map(e -> e.getKey()).toList();
  }
}
