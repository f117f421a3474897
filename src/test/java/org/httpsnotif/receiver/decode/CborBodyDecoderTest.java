package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The envelope extractor fed by the CBOR decoder finds what it finds in the same JSON. */
class CborBodyDecoderTest {

  static List<String> devicesWithJsonDecode() {
    return Splits.samples(".cbor").stream().filter(f -> f.startsWith("devices/")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devicesWithJsonDecode")
  void deviceMessagesGiveWhatTheirJsonDecodeGives(String file) throws DecodeException {
    Extracted fromJson = Splits.feed(JsonBodyDecoder.withDefaults(), Splits.read(file + ".json"), List.of(Splits.read(file + ".json").length));
    for (Extracted fromCbor : Splits.everyWay(CborBodyDecoder::new, Splits.read(file))) {
      assertEquals(fromJson, fromCbor);
    }
  }

  @Test
  void thereAreSixDeviceMessages() {
    assertEquals(6, devicesWithJsonDecode().size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          draft/https-notif-cbor-new-urns/relay-notification-names.cbor|https-notif|2013-12-21T00:01:00Z|example-mod:event
          draft/https-notif-cbor-old-urns/relay-notification-names.cbor|https-notif|2013-12-21T00:01:00Z|example-mod:event
          draft/https-notif-cbor-new-urns/relay-notification-sid.cbor|sid|2013-12-21T00:01:00Z|sid:60001
          draft/https-notif-cbor-old-urns/relay-notification-sid.cbor|sid|2013-12-21T00:01:00Z|example-mod:event
          reference/data.cbor|https-notif|2025-03-17T19:43:27.972894Z|interface_data
          """)
  void draftAndReferenceBodies(String file, String envelope, String time, String type) throws DecodeException {
    for (Extracted e : Splits.everyWay(CborBodyDecoder::new, Splits.read(file))) {
      assertEquals(envelope, e.envelope());
      assertEquals(time, e.eventTimeRaw());
      assertEquals(type, e.notificationType());
    }
  }

  @Test
  void aCapabilitiesDocumentIsNoNotification() {
    byte[] body = Splits.read("draft/https-notif-cbor-new-urns/capabilities-json-xml.cbor");
    DecodeException e = assertThrows(DecodeException.class, () -> Splits.feed(new CborBodyDecoder(), body, List.of(body.length)));
    assertEquals(DecodeException.Tag.INVALID_VALUE, e.tag());
  }

  @Test
  void anEnvelopeRefusalIsTheAnswerEvenWithMalformedBytesInTheSameChunk() {
    // {"foo:notification": then the reserved initial byte 0x1c: the envelope is refused first.
    byte[] key = "foo:notification".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[key.length + 3];
    body[0] = (byte) 0xA1;
    body[1] = (byte) (0x60 + key.length);
    System.arraycopy(key, 0, body, 2, key.length);
    body[body.length - 1] = 0x1C;
    for (List<Integer> sizes : List.of(List.of(body.length), Collections.nCopies(body.length, 1))) {
      DecodeException e = assertThrows(DecodeException.class, () -> Splits.feed(new CborBodyDecoder(), body, sizes));
      assertEquals(DecodeException.Tag.INVALID_VALUE, e.tag(), e.getMessage());
    }
  }

  @Test
  void aSidKeyInsideNameKeyedContentsIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new CBORFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("ietf-yp-notification:envelope");
      g.writeStartObject();
      g.writeStringField("event-time", "2025-03-05T10:35:54Z");
      g.writeFieldName("contents");
      g.writeStartObject();
      g.writeFieldId(10);
      g.writeStartObject();
      g.writeNumberField("id", 1);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    byte[] body = out.toByteArray();
    for (List<Integer> sizes : List.of(List.of(body.length), Collections.nCopies(body.length, 1))) {
      DecodeException e = assertThrows(DecodeException.class, () -> Splits.feed(new CborBodyDecoder(), body, sizes));
      assertEquals(DecodeException.Tag.INVALID_VALUE, e.tag(), e.getMessage());
      assertTrue(e.getMessage().contains("SID key"), e.getMessage());
    }
  }
}
