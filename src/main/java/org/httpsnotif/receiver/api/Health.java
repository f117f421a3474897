package org.httpsnotif.receiver.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** GET /health: 200 when the database answers, 503 when it does not. */
final class Health {

  private Health() {}

  static void check(RoutingContext ctx, Pool pool) {
    pool.query("SELECT 1")
        .execute()
        .onComplete(
            done -> {
              JsonObject body =
                  new JsonObject()
                      .put("status", done.succeeded() ? "up" : "down")
                      .put("database", done.succeeded() ? "up" : done.cause().getMessage());
              ctx.response()
                  .setStatusCode(done.succeeded() ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(body.encode());
            });
  }
}
