package org.httpsnotif.receiver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.DecodeException;
import org.httpsnotif.receiver.decode.Envelopes;
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

  static final ObjectMapper JSON = new ObjectMapper();
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
