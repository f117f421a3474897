package org.httpsnotif.receiver.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.Envelopes;
import org.httpsnotif.receiver.decode.Fuzzing;
import org.httpsnotif.receiver.decode.Splits;
import org.httpsnotif.receiver.store.Payload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzz targets for the read path: every body ingest accepts has a JSON view (none for SID keys, or
 * for CBOR that Jackson cannot read) that the API can render. Inputs are bodies as sent, with no
 * header. Runs as {@link org.httpsnotif.receiver.decode.DecoderFuzzTest} does (README, "Fuzzing").
 */
class ContentViewFuzzTest {

  static final Path INPUTS =
      Path.of("src/test/resources/org/httpsnotif/receiver/api/ContentViewFuzzTestInputs");

  @FuzzTest
  void json(byte[] body) {
    view("application/json", body);
  }

  @FuzzTest
  void xml(byte[] body) {
    view("application/xml", body);
  }

  @FuzzTest
  void cbor(byte[] body) {
    view("application/cbor", body);
  }

  /** Bodies ingest refuses are never stored, so only accepted ones must have a view. */
  private static void view(String contentType, byte[] body) {
    BodyFormat format = BodyFormat.of(contentType).orElseThrow();
    Fuzzing.Outcome ingest = Fuzzing.whole(format.newDecoder(), body);
    if (!ingest.accepted()) {
      return;
    }
    String envelope = ingest.extracted().envelope();
    ContentView view = Fuzzing.budgeted(body,
        () -> ContentView.of(new Payload(contentType, format.encoding(), Buffer.buffer(body)), envelope));
    if (envelope.equals(Envelopes.SID)) {
      assertEquals("none", view.derivation());
      return;
    }
    if (format.encoding().equals(BodyFormat.CBOR) && view.content() == null) {
      // Jackson's CBOR parser refuses some bodies ingest accepts, such as a bigfloat tag on a
      // one-item array: those are served without a view that says why.
      assertTrue(view.derivation().startsWith("none: "), view.derivation());
      return;
    }
    assertNotNull(view.content(), view.derivation());
    // As NotificationRoutes answers it: the view one level down in the notification's object.
    ObjectNode answer = ContentView.JSON.createObjectNode();
    answer.set("content", view.content());
    Fuzzing.budgeted(body, () -> render(answer));
  }

  private static String render(ObjectNode answer) {
    try {
      return ContentView.JSON.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the API could not render the view: " + e.getOriginalMessage(), e);
    }
  }

  /** Each sample of an encoding seeds its target as it is, under its path with '-' for '/'. */
  @ParameterizedTest
  @ValueSource(strings = {"json", "xml", "cbor"})
  void everySampleSeedsItsTarget(String encoding) throws IOException {
    var samples = Splits.samples("." + encoding);
    assertFalse(samples.isEmpty());
    for (String sample : samples) {
      Path seed = INPUTS.resolve(encoding).resolve(sample.replace('/', '-'));
      assertArrayEquals(Splits.read(sample), Files.readAllBytes(seed), sample);
    }
  }
}
