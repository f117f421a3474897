package org.httpsnotif.receiver.api;

import io.vertx.core.MultiMap;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.httpsnotif.receiver.decode.DecodeException;
import org.httpsnotif.receiver.decode.EventTimes;
import org.httpsnotif.receiver.store.NotificationQuery;

/** Reads the query parameters of GET /api/notifications; each problem names its parameter. */
final class QueryParameters {

  static final Set<String> KNOWN =
      Set.of(
          "publisher", "auth-method", "type", "subscription-id", "hostname", "event-time-from", "event-time-to",
          "received-from", "received-to", "cursor", "limit", "order");

  /** A parameter that cannot be used, with what is wrong with it. */
  static final class Invalid extends Exception {
    Invalid(String parameter, String problem) {
      super("query parameter '" + parameter + "' " + problem, null, false, false);
    }
  }

  private QueryParameters() {}

  static NotificationQuery parse(MultiMap params, int maxLimit) throws Invalid {
    for (String name : params.names()) {
      if (!KNOWN.contains(name)) {
        throw new Invalid(name, "is not known; use one of " + String.join(", ", KNOWN.stream().sorted().toList()));
      }
      if (params.getAll(name).size() > 1) {
        throw new Invalid(name, "is given more than once");
      }
    }
    long limit = number(params, "limit").orElse(ApiSettings.DEFAULT_PAGE);
    if (limit < 1 || limit > maxLimit) {
      throw new Invalid("limit", "must be between 1 and " + maxLimit);
    }
    String order = Optional.ofNullable(params.get("order")).orElse("newest");
    if (!List.of("newest", "oldest").contains(order)) {
      throw new Invalid("order", "must be 'newest' or 'oldest'");
    }
    return new NotificationQuery(
        text(params, "publisher"),
        text(params, "auth-method"),
        text(params, "type"),
        number(params, "subscription-id"),
        text(params, "hostname"),
        time(params, "event-time-from"),
        time(params, "event-time-to"),
        time(params, "received-from"),
        time(params, "received-to"),
        number(params, "cursor"),
        (int) limit,
        order.equals("newest"));
  }

  private static Optional<String> text(MultiMap params, String name) throws Invalid {
    String value = params.get(name);
    if (value != null && value.isEmpty()) {
      throw new Invalid(name, "is empty");
    }
    return Optional.ofNullable(value);
  }

  private static OptionalLong number(MultiMap params, String name) throws Invalid {
    String value = params.get(name);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return OptionalLong.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Invalid(name, "must be a non-negative integer, not '" + value + "'");
  }

  private static Optional<OffsetDateTime> time(MultiMap params, String name) throws Invalid {
    String value = params.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(EventTimes.parse(value));
    } catch (DecodeException e) {
      throw new Invalid(name, "must be a date-and-time such as 2026-03-04T10:15:30Z, not '" + value + "'");
    }
  }
}
