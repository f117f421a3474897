package org.httpsnotif.receiver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.httpsnotif.receiver.http.Errors;
import org.httpsnotif.receiver.store.NotificationQuery;
import org.httpsnotif.receiver.store.NotificationStore;
import org.httpsnotif.receiver.store.StoredNotification;

/** GET /api/notifications, /api/notifications/{id} and /api/notifications/{id}/payload. */
final class NotificationRoutes {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private final Vertx vertx;
  private final NotificationStore store;
  private final ApiSettings settings;

  NotificationRoutes(Vertx vertx, NotificationStore store, ApiSettings settings) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
  }

  void list(RoutingContext ctx) {
    NotificationQuery query;
    try {
      query = QueryParameters.parse(ctx.queryParams(), settings.pageLimit());
    } catch (QueryParameters.Invalid e) {
      Errors.send(ctx.request(), 400, e.getMessage());
      return;
    }
    store
        .query(query)
        .onComplete(
            done -> {
              if (done.failed()) {
                unavailable(ctx, done.cause());
                return;
              }
              List<StoredNotification> page = done.result();
              ObjectNode body = ContentView.JSON.createObjectNode();
              ArrayNode items = body.putArray("notifications");
              page.forEach(n -> items.add(metadata(n)));
              // A full page may have more after it; a short one is the end.
              if (page.size() == query.limit()) {
                body.put("next-cursor", page.get(page.size() - 1).id());
              } else {
                body.putNull("next-cursor");
              }
              json(ctx, body);
            });
  }

  void one(RoutingContext ctx) {
    OptionalLong id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    store
        .find(id.getAsLong())
        .compose(found -> found.isEmpty()
            ? Future.succeededFuture(Optional.<ObjectNode>empty())
            : store.payload(id.getAsLong())
                .compose(payload -> vertx.executeBlocking(() -> {
                  // Deriving the view parses the whole payload: off the event loop.
                  ObjectNode body = metadata(found.get());
                  payload.ifPresent(p -> {
                    ContentView view = ContentView.of(p, found.get().envelope());
                    body.put("content-derivation", view.derivation());
                    body.set("content", view.content());
                  });
                  return Optional.of(body);
                }, false)))
        .onComplete(done -> answer(ctx, id.getAsLong(), done, body -> json(ctx, body)));
  }

  void payload(RoutingContext ctx) {
    OptionalLong id = id(ctx);
    if (id.isEmpty()) {
      return;
    }
    store
        .payload(id.getAsLong())
        .onComplete(done -> answer(ctx, id.getAsLong(), done, payload -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, payload.contentType())
            .end(payload.bytes())));
  }

  /** 503 when the database failed, 404 when there is no such notification, else the answer. */
  private static <T> void answer(RoutingContext ctx, long id, AsyncResult<Optional<T>> done, Consumer<T> found) {
    if (done.failed()) {
      unavailable(ctx, done.cause());
    } else if (done.result().isEmpty()) {
      Errors.send(ctx.request(), 404, "no notification " + id);
    } else {
      found.accept(done.result().get());
    }
  }

  private static OptionalLong id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return OptionalLong.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    Errors.send(ctx.request(), 400, "notification id must be a positive integer, not '" + raw + "'");
    return OptionalLong.empty();
  }

  static ObjectNode metadata(StoredNotification n) {
    ObjectNode o = ContentView.JSON.createObjectNode();
    o.put("id", n.id());
    o.put("received-at", time(n.receivedAt()));
    o.put("event-time", time(n.eventTime()));
    o.put("event-time-raw", n.eventTimeRaw());
    o.put("publisher", n.publisher());
    o.put("auth-method", n.authMethod());
    o.put("peer-address", n.peerAddress());
    o.put("base-path", n.basePath());
    o.put("encoding", n.encoding());
    o.put("content-type", n.contentType());
    o.put("envelope", n.envelope());
    o.put("notification-type", n.notificationType());
    n.subscriptionId().ifPresent(v -> o.put("subscription-id", v));
    n.hostname().ifPresent(v -> o.put("hostname", v));
    n.sequenceNumber().ifPresent(v -> o.put("sequence-number", v));
    o.put("payload-size", n.payloadSize());
    return o;
  }

  private static String time(OffsetDateTime t) {
    return TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  private static void json(RoutingContext ctx, ObjectNode body) {
    try {
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(ContentView.JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      Errors.send(ctx.request(), 500, "cannot render the answer: " + e.getOriginalMessage());
    }
  }

  private static void unavailable(RoutingContext ctx, Throwable cause) {
    Errors.send(ctx.request(), 503, "the database did not answer: " + cause.getMessage());
  }
}
