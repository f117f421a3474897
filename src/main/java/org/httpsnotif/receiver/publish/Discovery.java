package org.httpsnotif.receiver.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a receiver which encodings it takes: {@code GET {base}/capabilities}, answered in JSON, XML
 * or CBOR, listing capability URNs of either family ({@code ...:encoding:json} and so on).
 */
final class Discovery {

  static final String ACCEPT =
      "application/yang-data+json, application/json;q=0.9, application/yang-data+xml;q=0.5,"
          + " application/xml;q=0.5, application/yang-data+cbor;q=0.3";

  private static final Pattern ENCODING = Pattern.compile(":encoding:(json|xml|cbor)$");
  private static final Pattern XML_TEXT = Pattern.compile(">\\s*([^<]+?)\\s*<");

  private Discovery() {}

  /** The encodings the receiver lists, in its order; fails on anything but a 200. */
  static Future<List<String>> encodings(HttpClient client, Target target) {
    RequestOptions request =
        target.request(HttpMethod.GET, target.capabilitiesPath()).putHeader(HttpHeaders.ACCEPT, ACCEPT);
    return client
        .request(request)
        .compose(req -> req.send())
        .compose(
            resp ->
                resp.body()
                    .compose(
                        body -> {
                          if (resp.statusCode() != 200) {
                            return Future.failedFuture(
                                "GET " + target.capabilitiesPath() + " answered " + resp.statusCode());
                          }
                          try {
                            return Future.succeededFuture(
                                parse(resp.getHeader(HttpHeaders.CONTENT_TYPE), body));
                          } catch (IOException e) {
                            return Future.failedFuture("unreadable capabilities: " + e.getMessage());
                          }
                        }));
  }

  static List<String> parse(String contentType, Buffer body) throws IOException {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    List<String> texts = new ArrayList<>();
    if (type.contains("xml")) {
      Matcher m = XML_TEXT.matcher(body.toString(StandardCharsets.UTF_8));
      while (m.find()) {
        texts.add(m.group(1));
      }
    } else {
      ObjectMapper mapper = type.contains("cbor") ? new CBORMapper() : new ObjectMapper();
      collect(mapper.readTree(body.getBytes()), texts);
    }
    Set<String> encodings = new LinkedHashSet<>();
    for (String text : texts) {
      Matcher m = ENCODING.matcher(text.trim());
      if (m.find()) {
        encodings.add(m.group(1));
      }
    }
    return List.copyOf(encodings);
  }

  private static void collect(JsonNode node, List<String> texts) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> collect(child, texts));
  }
}
