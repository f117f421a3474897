package org.httpsnotif.receiver.decode;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Collects what an extractor finds and enforces the rules every encoding shares: one wrapper,
 * one event time, exactly one notification.
 */
public final class NotificationFields {

  private String envelope;
  private String eventTimeRaw;
  private OffsetDateTime eventTime;
  private String notificationType;
  private OptionalLong subscriptionId = OptionalLong.empty();
  private Optional<String> hostname = Optional.empty();
  private OptionalLong sequenceNumber = OptionalLong.empty();

  public void envelope(String kind) {
    this.envelope = kind;
  }

  public boolean envelopeSeen() {
    return envelope != null;
  }

  /** The notification's type, or null before one was found. */
  public String notificationType() {
    return notificationType;
  }

  public void eventTime(String raw) throws DecodeException {
    if (eventTimeRaw != null) {
      throw DecodeException.invalid("more than one event time");
    }
    eventTime = EventTimes.parse(raw);
    eventTimeRaw = raw;
  }

  public boolean hasEventTime() {
    return eventTimeRaw != null;
  }

  public void hostname(String value) {
    hostname = Optional.of(value);
  }

  public void sequenceNumber(long value) {
    sequenceNumber = OptionalLong.of(value);
  }

  public void notification(String type) throws DecodeException {
    if (notificationType != null) {
      throw DecodeException.invalid(
          "more than one notification in one body: '" + notificationType + "' and '" + type + "'");
    }
    notificationType = type;
  }

  public void subscriptionId(long id) {
    subscriptionId = OptionalLong.of(id);
  }

  public Extracted build() throws DecodeException {
    if (envelope == null) {
      throw DecodeException.invalid("no notification envelope");
    }
    if (eventTimeRaw == null) {
      throw DecodeException.invalid("missing event time (eventTime or event-time)");
    }
    if (notificationType == null) {
      throw DecodeException.invalid("the envelope holds no notification");
    }
    return new Extracted(
        envelope, eventTime, eventTimeRaw, notificationType, subscriptionId, hostname, sequenceNumber);
  }
}
