package org.httpsnotif.receiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.DecodeException;
import org.httpsnotif.receiver.decode.Extracted;
import org.httpsnotif.receiver.decode.JsonBodyDecoder;
import org.httpsnotif.receiver.store.Payload;
import org.junit.jupiter.api.Test;

class ContentViewTest {

  @Test
  void aBodyAsDeepAsIngestAcceptsIsShownInItsAnswer() throws DecodeException, JsonProcessingException {
    // Three objects and the rest arrays: as many levels as ingest accepts.
    int depth = JsonBodyDecoder.Limits.DEFAULT.maxDepth() - 3;
    String arrays = "[".repeat(depth) + "]".repeat(depth);
    byte[] body = ("{\"ietf-https-notif:notification\": {\"eventTime\": \"2013-12-21T00:01:00Z\","
        + " \"a:e\": {\"x\": " + arrays + "}}}").getBytes(StandardCharsets.UTF_8);
    JsonBodyDecoder decoder = JsonBodyDecoder.withDefaults();
    decoder.feed(body, 0, body.length);
    Extracted accepted = decoder.end();

    ContentView view = ContentView.of(
        new Payload("application/json", BodyFormat.JSON, Buffer.buffer(body)), accepted.envelope());
    ObjectNode answer = ContentView.JSON.createObjectNode();
    answer.set("content", view.content());
    assertEquals("{\"content\":" + new String(body, StandardCharsets.UTF_8).replace(" ", "") + "}",
        ContentView.JSON.writeValueAsString(answer));
  }
}
