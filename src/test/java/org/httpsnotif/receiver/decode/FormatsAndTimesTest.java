package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsAndTimesTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          application/json|json|false
          Application/JSON; charset=utf-8|json|false
          application/yang-data+json|json|false
          application/xml|xml|false
          application/yang-data+xml; charset="utf-8"|xml|false
          application/cbor|cbor|false
          application/yang-data+cbor|cbor|false
          application/yang-data+cbor; id=name|cbor|false
          application/yang-data+cbor;ID="SID"|cbor|true
          application/yang-data+cbor; id=other|-|false
          text/plain|-|false
          text/xml|-|false
          application/jsonx|-|false
          ''|-|false
          """)
  void mediaTypes(String contentType, String encoding, boolean sid) {
    Optional<BodyFormat> format = BodyFormat.of(contentType);
    assertEquals(encoding == null ? Optional.empty() : Optional.of(new BodyFormat(encoding, sid)), format);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2026-03-04T10:15:30Z|2026-03-04T10:15:30Z
          2026-03-04t10:15:30z|2026-03-04T10:15:30Z
          2026-03-04T10:15:30.123456789+02:00|2026-03-04T10:15:30.123456789+02:00
          2026-03-04T10:15:30.1234567891234-00:00|2026-03-04T10:15:30.123456789Z
          2026-03-04T10:15:30|2026-03-04T10:15:30Z
          2016-12-31T23:59:60Z|2016-12-31T23:59:59.999999999Z
          2026-03-04 10:15:30.5-02:30|2026-03-04T10:15:30.500-02:30
          2026-03-04T10:15:30.000000001Z|2026-03-04T10:15:30.000000001Z
          """)
  void lenientDateAndTime(String raw, String expected) throws DecodeException {
    assertEquals(OffsetDateTime.parse(expected), EventTimes.parse(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-03-04", "2026-13-04T10:15:30Z", "2026-03-04T25:00:00Z",
      "2026-02-30T10:15:30Z", "2026-03-04T10:15:30+25:00", "12345678901234567890123456789012345678901234567890123456789012345",
      "2026-03-04T10:15:30.Z", "2026-03-04T10:15:30+0200", "2026-03-04T10:15:30Zjunk", "2026-03-04T10:15:3a",
      "2026-03-04X10:15:30Z", "2026-03-04T10:15:30+02:60", "2026-03-04T10:15:30+2:00", "+026-03-04T10:15:30Z",
      "2026-03-04T10:15:30 ", "2026-03-04T10:15:30.5.5Z", "２026-03-04T10:15:30Z"})
  void refusesWhatIsNotADateAndTime(String raw) {
    DecodeException e = assertThrows(DecodeException.class, () -> EventTimes.parse(raw));
    assertEquals(DecodeException.Tag.INVALID_VALUE, e.tag());
  }
}
