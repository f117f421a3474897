package org.httpsnotif.receiver.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/** A notification as the database holds it, without its payload. */
public record StoredNotification(
    long id,
    OffsetDateTime receivedAt,
    OffsetDateTime eventTime,
    String eventTimeRaw,
    String publisher,
    String authMethod,
    String peerAddress,
    String basePath,
    String encoding,
    String contentType,
    String envelope,
    String notificationType,
    OptionalLong subscriptionId,
    Optional<String> hostname,
    OptionalLong sequenceNumber,
    int payloadSize) {}
