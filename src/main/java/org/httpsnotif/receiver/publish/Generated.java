package org.httpsnotif.receiver.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Generated notifications: a YANG-Push push-update of interface counters, grown interface by
 * interface to about the size asked for, in the {@code ietf-https-notif:notification} wrapper
 * (JSON, CBOR with name keys) or the RFC 5277 one (XML), as draft-ietf-netconf-https-notif shows.
 * Each request gets the current event time.
 */
final class Generated {

  private static final String PUSH = "urn:ietf:params:xml:ns:yang:ietf-yang-push";
  private static final String INTERFACES = "urn:ietf:params:xml:ns:yang:ietf-interfaces";

  private Generated() {}

  static Payload of(String encoding, int size, String contentType) {
    // Every interface adds the same number of bytes, give or take a digit: two renderings tell.
    byte[] one = render(encoding, 1);
    int each = render(encoding, 2).length - one.length;
    int interfaces = 1 + Math.max(0, (size - one.length + each - 1) / each);
    byte[] bytes = render(encoding, interfaces);
    return new Payload(
        "generated",
        encoding,
        contentType != null ? contentType : Payload.contentTypeOf(encoding),
        Buffer.buffer(bytes),
        indexOf(bytes, EventTime.PLACEHOLDER.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] render(String encoding, int interfaces) {
    return switch (encoding) {
      case "xml" -> xml(interfaces).getBytes(StandardCharsets.UTF_8);
      case "json" -> write(new ObjectMapper(), tree(interfaces));
      case "cbor" -> write(new CBORMapper(), tree(interfaces));
      default -> throw new IllegalArgumentException("no such encoding: " + encoding);
    };
  }

  private static ObjectNode tree(int interfaces) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode notification = root.putObject("ietf-https-notif:notification");
    notification.put("eventTime", EventTime.PLACEHOLDER);
    ObjectNode update = notification.putObject("ietf-yang-push:push-update");
    update.put("id", 1);
    ArrayNode list =
        update.putObject("datastore-contents").putObject("ietf-interfaces:interfaces").putArray("interface");
    for (int i = 0; i < interfaces; i++) {
      ObjectNode itf = list.addObject();
      itf.put("name", "eth" + i);
      itf.put("oper-status", "up");
      ObjectNode stats = itf.putObject("statistics");
      for (String counter : COUNTERS) {
        stats.put(counter, Long.toString(counter(i, counter)));
      }
    }
    return root;
  }

  private static String xml(int interfaces) {
    StringBuilder s = new StringBuilder();
    s.append("<notification xmlns=\"urn:ietf:params:xml:ns:netconf:notification:1.0\">");
    s.append("<eventTime>").append(EventTime.PLACEHOLDER).append("</eventTime>");
    s.append("<push-update xmlns=\"").append(PUSH).append("\"><id>1</id><datastore-contents>");
    s.append("<interfaces xmlns=\"").append(INTERFACES).append("\">");
    for (int i = 0; i < interfaces; i++) {
      s.append("<interface><name>eth").append(i).append("</name><oper-status>up</oper-status><statistics>");
      for (String counter : COUNTERS) {
        s.append('<').append(counter).append('>').append(counter(i, counter)).append("</").append(counter).append('>');
      }
      s.append("</statistics></interface>");
    }
    s.append("</interfaces></datastore-contents></push-update></notification>");
    return s.toString();
  }

  private static final String[] COUNTERS = {
    "in-octets", "in-unicast-pkts", "in-discards", "in-errors", "out-octets", "out-unicast-pkts",
    "out-discards", "out-errors"
  };

  private static long counter(int itf, String counter) {
    return Math.abs((long) (itf + 1) * 2_654_435_761L * counter.hashCode()) % 10_000_000_000L;
  }

  private static byte[] write(ObjectMapper mapper, ObjectNode tree) {
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("the template has no event time placeholder");
  }
}
