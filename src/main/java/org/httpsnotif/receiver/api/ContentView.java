package org.httpsnotif.receiver.api;

import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.CborDecoder;
import org.httpsnotif.receiver.decode.DecodeException;
import org.httpsnotif.receiver.decode.Envelopes;
import org.httpsnotif.receiver.decode.JsonBodyDecoder;
import org.httpsnotif.receiver.decode.XmlJsonView;
import org.httpsnotif.receiver.store.Payload;

/**
 * The JSON view of a stored payload, derived when read (design decision 3): JSON as sent, CBOR
 * with name keys converted, XML by the documented best-effort mapping, SID-keyed CBOR not at all.
 *
 * @param derivation how the view was made: {@code json}, {@code cbor-names}, {@code xml-best-effort}
 *     or {@code none}
 */
record ContentView(JsonNode content, String derivation) {

  /** The deepest nesting ingest accepts in a JSON or CBOR body. */
  private static final int DEEPEST_BODY =
      Math.max(JsonBodyDecoder.Limits.DEFAULT.maxDepth(), CborDecoder.Limits.DEFAULT.maxDepth());

  /**
   * Reads JSON payloads with ingest's limits and writes every answer of the API. A view sits one
   * level down in its answer, so answers may nest one level deeper than a body.
   */
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonBodyDecoder.factory(JsonBodyDecoder.Limits.DEFAULT).rebuild()
              .streamWriteConstraints(
                  StreamWriteConstraints.builder().maxNestingDepth(DEEPEST_BODY + 1).build())
              .build());
  private static final CBORMapper CBOR = new CBORMapper();

  static ContentView of(Payload payload, String envelope) {
    byte[] bytes = payload.bytes().getBytes();
    try {
      return switch (payload.encoding()) {
        case BodyFormat.JSON -> new ContentView(JSON.readTree(bytes), "json");
        case BodyFormat.XML -> new ContentView(XmlJsonView.toJson(bytes), "xml-best-effort");
        default ->
            envelope.equals(Envelopes.SID)
                ? new ContentView(null, "none")
                : new ContentView(CBOR.readTree(bytes), "cbor-names");
      };
    } catch (IOException | DecodeException e) {
      return new ContentView(null, "none: " + e.getMessage());
    }
  }
}
