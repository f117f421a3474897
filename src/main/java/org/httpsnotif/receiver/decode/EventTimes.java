package org.httpsnotif.receiver.decode;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses YANG date-and-time (RFC 3339) leniently, as publishers send it: lower-case 't' and 'z',
 * more than nine fraction digits, {@code -00:00}, and a missing offset (taken as UTC).
 */
public final class EventTimes {

  private static final int MAX_LENGTH = 64;

  private EventTimes() {}

  /**
   * Parses {@code yyyy-mm-dd(T|t| )hh:mm:ss[.fraction][Z|z|(+|-)hh:mm]}. By hand rather than with a
   * regular expression: every notification has one, and the expression and its groups were a
   * twelfth of the JSON decoder's time in the benchmark profile.
   */
  public static OffsetDateTime parse(String raw) throws DecodeException {
    if (raw.length() > MAX_LENGTH) {
      throw DecodeException.invalid("event time is not a date-and-time: too long");
    }
    int n = raw.length();
    if (n < 19 || raw.charAt(4) != '-' || raw.charAt(7) != '-' || "Tt ".indexOf(raw.charAt(10)) < 0
        || raw.charAt(13) != ':' || raw.charAt(16) != ':') {
      throw notADateAndTime(raw);
    }
    int year = number(raw, 0, 4);
    int month = number(raw, 5, 2);
    int day = number(raw, 8, 2);
    int hour = number(raw, 11, 2);
    int minute = number(raw, 14, 2);
    int second = number(raw, 17, 2);
    int i = 19;
    int nanos = 0;
    if (i < n && raw.charAt(i) == '.') {
      int first = ++i;
      while (i < n && isDigit(raw.charAt(i))) {
        // Digits past the ninth are kept in the raw string only.
        if (i - first < 9) {
          nanos = nanos * 10 + (raw.charAt(i) - '0');
        }
        i++;
      }
      if (i == first) {
        throw notADateAndTime(raw);
      }
      for (int k = i - first; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      throw notADateAndTime(raw);
    }
    try {
      ZoneOffset zone = ZoneOffset.UTC;
      if (i < n) {
        char c = raw.charAt(i);
        if ((c == 'Z' || c == 'z') && i + 1 == n) {
          zone = ZoneOffset.UTC;
        } else if ((c == '+' || c == '-') && n - i == 6 && raw.charAt(i + 3) == ':') {
          int hours = number(raw, i + 1, 2);
          int minutes = number(raw, i + 4, 2);
          if (hours < 0 || minutes < 0) {
            throw notADateAndTime(raw);
          }
          int sign = c == '-' ? -1 : 1;
          zone = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } else {
          throw notADateAndTime(raw);
        }
      }
      // A leap second is kept in the raw string; the timestamp saturates at :59.999999999.
      if (second == 60) {
        second = 59;
        nanos = 999_999_999;
      }
      return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), zone);
    } catch (DateTimeException e) {
      throw DecodeException.invalid("event time is not a valid date-and-time: '" + raw + "'");
    }
  }

  /** The value of {@code length} ASCII digits at {@code from}, or -1 if any is not one. */
  private static int number(String s, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static DecodeException notADateAndTime(String raw) {
    return DecodeException.invalid("event time is not a date-and-time: '" + raw + "'");
  }
}
