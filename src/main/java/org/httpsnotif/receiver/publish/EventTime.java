package org.httpsnotif.receiver.publish;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Event times of generated notifications: RFC 3339 in UTC with microseconds, always 27 bytes. */
final class EventTime {

  /** What a template carries where the time goes; its length is that of every time written. */
  static final String PLACEHOLDER = "0000-00-00T00:00:00.000000Z";

  private EventTime() {}

  /** Writes the current time over the placeholder at {@code at}. */
  static void write(Buffer buffer, int at) {
    buffer.setBytes(at, format(Instant.now()));
  }

  static byte[] format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    byte[] b = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
    digits(b, 0, t.getYear(), 4);
    digits(b, 5, t.getMonthValue(), 2);
    digits(b, 8, t.getDayOfMonth(), 2);
    digits(b, 11, t.getHour(), 2);
    digits(b, 14, t.getMinute(), 2);
    digits(b, 17, t.getSecond(), 2);
    digits(b, 20, t.getNano() / 1000, 6);
    return b;
  }

  private static void digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
