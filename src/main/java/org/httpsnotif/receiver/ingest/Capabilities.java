package org.httpsnotif.receiver.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Locale;
import org.httpsnotif.receiver.http.Bodies;

/**
 * The receiver-capabilities answer, rendered once in each media type, and the choice between them
 * by {@code Accept}. Both capability URN families are listed (protocol.md A1): publishers ignore
 * the ones they do not know. The root is unqualified, as in -15 and every publisher seen (A2).
 */
public final class Capabilities {

  static final List<String> URNS =
      List.of(
          "urn:ietf:params:yang-notif:https-capability:encoding:json",
          "urn:ietf:params:yang-notif:https-capability:encoding:xml",
          "urn:ietf:params:yang-notif:https-capability:encoding:cbor",
          "urn:ietf:params:yang-notif:https-capability:sub-notif",
          "urn:ietf:capability:https-notif-receiver:encoding:json",
          "urn:ietf:capability:https-notif-receiver:encoding:xml",
          "urn:ietf:capability:https-notif-receiver:encoding:cbor",
          "urn:ietf:capability:https-notif-receiver:sub-notif");

  /** The media types offered, in the receiver's order of preference. */
  static final List<String> OFFERED =
      List.of(
          "application/json",
          "application/yang-data+json",
          "application/xml",
          "application/yang-data+xml",
          "application/yang-data+cbor",
          "application/cbor");

  /** One rendering of the answer. */
  public record Rendition(String contentType, Buffer body) {}

  private final Buffer json = json(new JsonFactory());
  private final Buffer cbor = json(new CBORFactory());
  private final Buffer xml = xml();

  /**
   * The rendition the Accept header prefers: highest q, then the client's order, explicit types
   * over wildcards. Without an acceptable type the answer is JSON, the old mandatory default (A11).
   */
  public Rendition negotiate(String accept) {
    String best = OFFERED.get(0);
    double bestQ = -1;
    boolean bestWildcard = true;
    if (accept != null) {
      for (String range : accept.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        double q = quality(parts);
        boolean wildcard = type.equals("*/*") || type.equals("application/*");
        if (q <= 0 || !(wildcard || OFFERED.contains(type))) {
          continue;
        }
        if (q > bestQ || (q == bestQ && bestWildcard && !wildcard)) {
          best = wildcard ? OFFERED.get(0) : type;
          bestQ = q;
          bestWildcard = wildcard;
        }
      }
    }
    return rendition(best);
  }

  Rendition rendition(String type) {
    Buffer body = type.endsWith("json") ? json : type.endsWith("xml") ? xml : cbor;
    return new Rendition(type, body);
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("q")) {
        try {
          return Double.parseDouble(param[1].trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static Buffer json(JsonFactory factory) {
    return Bodies.json(factory, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("receiver-capabilities");
      g.writeArrayFieldStart("receiver-capability");
      for (String urn : URNS) {
        g.writeString(urn);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static Buffer xml() {
    return Bodies.xml(w -> {
      w.writeStartElement("receiver-capabilities");
      for (String urn : URNS) {
        Bodies.element(w, "receiver-capability", urn);
      }
      w.writeEndElement();
    });
  }
}
