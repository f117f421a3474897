package org.httpsnotif.receiver.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page request over stored notifications. Time ranges are half-open: from inclusive, to
 * exclusive. The cursor is the id of the last row of the previous page.
 */
public record NotificationQuery(
    Optional<String> publisher,
    Optional<String> authMethod,
    Optional<String> notificationType,
    OptionalLong subscriptionId,
    Optional<String> hostname,
    Optional<OffsetDateTime> eventTimeFrom,
    Optional<OffsetDateTime> eventTimeTo,
    Optional<OffsetDateTime> receivedFrom,
    Optional<OffsetDateTime> receivedTo,
    OptionalLong cursor,
    int limit,
    boolean newestFirst) {}
