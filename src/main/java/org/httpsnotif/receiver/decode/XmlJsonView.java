package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Shows a stored XML notification as JSON in the style of RFC 7951. This is a best-effort mapping:
 * without the YANG modules the receiver cannot know types, lists or module names for sure, so the
 * result is for reading, not a faithful RFC 7951 encoding. The rules:
 *
 * <ol>
 *   <li>The root element becomes the JSON wrapper of its envelope kind: RFC 5277 {@code
 *       <notification>} becomes {@code ietf-restconf:notification}; https-notif {@code
 *       ietf-https-notif:notification}; {@code ietf-restconf:notification} and {@code
 *       ietf-notification:notification} keep their names; the YANG-Push envelope becomes {@code
 *       ietf-yp-notification:envelope} and its notification variant {@code
 *       ietf-yp-notification:notification}. An unknown root is named as rule 2 says.
 *   <li>An element's module is taken from its namespace: the last segment after '/' or ':' (so
 *       {@code urn:ietf:params:xml:ns:yang:ietf-interfaces} is {@code ietf-interfaces}, {@code
 *       https://example.com/example-mod} is {@code example-mod}); a prefix the publisher left
 *       unbound is the module; an element in no namespace, or in its parent's, or in the root's,
 *       has its parent's module. A member is named {@code module:local} when its module differs
 *       from its parent's, else {@code local} (RFC 7951 section 4).
 *   <li>An element without child elements becomes a string: its text exactly, or "" when empty.
 *       Numbers, booleans and empty leaves are strings too: only the schema could tell {@code 1}
 *       the number from {@code "1"} the string, or an empty leaf from an empty string.
 *   <li>An element with child elements becomes an object; text beside the child elements (such as
 *       indentation) is dropped.
 *   <li>Sibling elements of the same name become one array, in document order, placed where the
 *       first of them was. A list with a single entry stays an object.
 *   <li>Attributes, comments and processing instructions are dropped.
 * </ol>
 *
 * The body is read by the reader ingest uses ({@link XmlFeed}, given the whole array at once)
 * rather than by a second, synchronous parser set up to match it: no DTD, no entities, UTF-8, the
 * default limits, unbound prefixes accepted. Whatever ingest accepted with the default limits can
 * be shown.
 */
public final class XmlJsonView {

  private XmlJsonView() {}

  public static ObjectNode toJson(byte[] xml) throws DecodeException {
    return XmlFeed.parse(xml, XmlBodyDecoder.Limits.DEFAULT, Builder::new).result();
  }

  /** The JSON wrapper name of an envelope kind. */
  static String wrapperName(String kind) {
    return switch (kind) {
      case Envelopes.RFC5277, Envelopes.RESTCONF -> "ietf-restconf:notification";
      case Envelopes.HTTPS_NOTIF -> "ietf-https-notif:notification";
      case Envelopes.NOTIFICATION -> "ietf-notification:notification";
      case Envelopes.YP_ENVELOPE -> "ietf-yp-notification:envelope";
      case Envelopes.YP_NOTIFICATION -> "ietf-yp-notification:notification";
      default -> throw new IllegalArgumentException("no JSON wrapper for " + kind);
    };
  }

  /** An open element. */
  private static final class Frame {
    final String name;
    final String module;
    final String namespace;
    ObjectNode object;
    StringBuilder text;

    Frame(String name, String module, String namespace) {
      this.name = name;
      this.module = module;
      this.namespace = namespace;
    }
  }

  private static final class Builder implements XmlFeed.Handler {
    private final ObjectNode result = JsonNodeFactory.instance.objectNode();
    private final List<Frame> open = new ArrayList<>();
    private String rootNamespace;
    private String rootModule;

    ObjectNode result() {
      return result;
    }

    @Override
    public void event(int type, XMLStreamReader reader, int depth) {
      switch (type) {
        case XMLStreamConstants.START_ELEMENT -> start(reader);
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          Frame frame = open.get(open.size() - 1);
          if (frame.object == null) {
            if (frame.text == null) {
              frame.text = new StringBuilder();
            }
            frame.text.append(
                reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> end();
        default -> {}
      }
    }

    private void start(XMLStreamReader reader) {
      String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
      String local = reader.getLocalName();
      if (open.isEmpty()) {
        String name =
            XmlBodyDecoder.envelopeKind(namespace, local)
                .map(XmlJsonView::wrapperName)
                .orElseGet(() -> qualified(XmlBodyDecoder.moduleOf(namespace), local));
        rootNamespace = namespace;
        rootModule = name.contains(":") ? name.substring(0, name.indexOf(':')) : "";
        open.add(new Frame(name, rootModule, namespace));
        return;
      }
      Frame parent = open.get(open.size() - 1);
      if (parent.object == null) {
        parent.object = JsonNodeFactory.instance.objectNode();
        parent.text = null;
      }
      String module;
      if (namespace.isEmpty() || namespace.equals(parent.namespace)) {
        module = parent.module;
      } else if (namespace.equals(rootNamespace)) {
        module = rootModule;
      } else {
        module = XmlBodyDecoder.moduleOf(namespace);
      }
      String name = module.equals(parent.module) ? local : qualified(module, local);
      // An element in no namespace reads as being in its parent's, for its own children.
      open.add(new Frame(name, module, namespace.isEmpty() ? parent.namespace : namespace));
    }

    private static String qualified(String module, String local) {
      return module.isEmpty() ? local : module + ":" + local;
    }

    private void end() {
      Frame frame = open.remove(open.size() - 1);
      JsonNode value =
          frame.object != null
              ? frame.object
              : JsonNodeFactory.instance.textNode(frame.text == null ? "" : frame.text.toString());
      ObjectNode target = open.isEmpty() ? result : open.get(open.size() - 1).object;
      JsonNode existing = target.get(frame.name);
      if (existing == null) {
        target.set(frame.name, value);
      } else if (existing instanceof ArrayNode repeated) {
        repeated.add(value);
      } else {
        ArrayNode repeated = JsonNodeFactory.instance.arrayNode();
        repeated.add(existing);
        repeated.add(value);
        target.set(frame.name, repeated);
      }
    }
  }
}
