package org.httpsnotif.receiver.http;

import com.fasterxml.jackson.core.JsonFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;

/** Error answers as RFC 8040 {@code ietf-restconf:errors}, in JSON or XML to match the request. */
public final class Errors {

  public static final String RESTCONF_NS = "urn:ietf:params:xml:ns:yang:ietf-restconf";
  private static final JsonFactory JSON = new JsonFactory();

  private Errors() {}

  /** RFC 8040 section 7 error-tag for a status. */
  public static String tagFor(int status) {
    return switch (status) {
      case 401, 403 -> "access-denied";
      case 405 -> "operation-not-supported";
      case 413 -> "too-big";
      case 503 -> "resource-denied";
      case 500 -> "operation-failed";
      default -> "invalid-value";
    };
  }

  /** Sends the error with the tag RFC 8040 pairs with the status. */
  public static void send(HttpServerRequest request, int status, String message) {
    send(request, status, tagFor(status), message);
  }

  public static void send(HttpServerRequest request, int status, String tag, String message) {
    boolean xml = wantsXml(request);
    Buffer body = xml ? xml(tag, message) : json(tag, message);
    HttpServerResponse response = request.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, xml ? "application/yang-data+xml" : "application/yang-data+json")
        .end(body);
  }

  /** XML when the request body was XML, or when the client accepts XML but not JSON. */
  static boolean wantsXml(HttpServerRequest request) {
    String contentType = lower(request.getHeader(HttpHeaders.CONTENT_TYPE));
    if (contentType.contains("xml")) {
      return true;
    }
    if (contentType.contains("json") || contentType.contains("cbor")) {
      return false;
    }
    String accept = lower(request.getHeader(HttpHeaders.ACCEPT));
    return accept.contains("xml") && !accept.contains("json");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String errorType(String tag) {
    return tag.equals("malformed-message") ? "rpc" : "protocol";
  }

  static Buffer json(String tag, String message) {
    return Bodies.json(JSON, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("ietf-restconf:errors");
      g.writeArrayFieldStart("error");
      g.writeStartObject();
      g.writeStringField("error-type", errorType(tag));
      g.writeStringField("error-tag", tag);
      g.writeStringField("error-message", message);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  static Buffer xml(String tag, String message) {
    return Bodies.xml(w -> {
      w.writeStartElement("errors");
      w.writeDefaultNamespace(RESTCONF_NS);
      w.writeStartElement("error");
      Bodies.element(w, "error-type", errorType(tag));
      Bodies.element(w, "error-tag", tag);
      Bodies.element(w, "error-message", message);
      w.writeEndElement();
      w.writeEndElement();
    });
  }
}
