package org.httpsnotif.receiver.decode;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a decoder found in one notification.
 *
 * @param envelope which wrapper arrived, one of the {@link Envelopes} kinds
 * @param eventTime the event time, as parsed (PostgreSQL keeps microseconds)
 * @param eventTimeRaw the event time exactly as sent
 * @param notificationType the notification node's name, {@code module:name} when qualified
 * @param subscriptionId RFC 8639 subscription id, when the notification carries one
 * @param hostname publisher host name from the envelope, when present
 * @param sequenceNumber envelope sequence number, when present
 */
public record Extracted(
    String envelope,
    OffsetDateTime eventTime,
    String eventTimeRaw,
    String notificationType,
    OptionalLong subscriptionId,
    Optional<String> hostname,
    OptionalLong sequenceNumber) {}
