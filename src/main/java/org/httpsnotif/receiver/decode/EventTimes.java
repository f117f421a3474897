package org.httpsnotif.receiver.decode;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses YANG date-and-time (RFC 3339) leniently, as publishers send it: lower-case 't' and 'z',
 * more than nine fraction digits, {@code -00:00}, and a missing offset (taken as UTC).
 */
public final class EventTimes {

  private static final int MAX_LENGTH = 64;
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "([Zz]|[+-]\\d{2}:\\d{2})?");

  private EventTimes() {}

  public static OffsetDateTime parse(String raw) throws DecodeException {
    if (raw.length() > MAX_LENGTH) {
      throw DecodeException.invalid("event time is not a date-and-time: too long");
    }
    Matcher m = DATE_TIME.matcher(raw);
    if (!m.matches()) {
      throw DecodeException.invalid("event time is not a date-and-time: '" + raw + "'");
    }
    try {
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
      int second = Integer.parseInt(m.group(6));
      // A leap second is kept in the raw string; the timestamp saturates at :59.999999999.
      if (second == 60) {
        second = 59;
        nanos = 999_999_999;
      }
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              second,
              nanos);
      String offset = m.group(8);
      ZoneOffset zone =
          offset == null || offset.toUpperCase(Locale.ROOT).equals("Z")
              ? ZoneOffset.UTC
              : ZoneOffset.of(offset);
      return OffsetDateTime.of(local, zone);
    } catch (DateTimeException e) {
      throw DecodeException.invalid("event time is not a valid date-and-time: '" + raw + "'");
    }
  }
}
