package org.httpsnotif.receiver.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.httpsnotif.receiver.http.ConnectionGuard;
import org.httpsnotif.receiver.http.Errors;
import org.httpsnotif.receiver.http.ServerOptions;
import org.httpsnotif.receiver.store.NotificationStore;

/** The reader-facing HTTPS listener: the query API and health. */
public final class ApiVerticle extends VerticleBase {

  private final ApiSettings settings;
  private final AtomicInteger connections;
  private Pool pool;

  /** @param connections open connections of the listener, shared by its instances */
  public ApiVerticle(ApiSettings settings, AtomicInteger connections) {
    this.settings = settings;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    // One pool for all instances: readers are few, connections are not free.
    pool =
        settings
            .database()
            .pool(vertx, new PoolOptions().setMaxSize(4).setShared(true).setName("api"));
    NotificationRoutes notifications = new NotificationRoutes(vertx, new NotificationStore(pool), settings);
    Router router = Router.router(vertx);
    if (settings.auth().configured()) {
      router.route("/api/*").handler(settings.auth());
    }
    router.get("/api/notifications").handler(notifications::list);
    router.get("/api/notifications/:id").handler(notifications::one);
    router.get("/api/notifications/:id/payload").handler(notifications::payload);
    router.get("/health").handler(ctx -> Health.check(ctx, pool));
    router.errorHandler(404, ctx -> Errors.send(ctx.request(), 404, "no such resource: " + ctx.request().path()));
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader("Allow", "GET");
      Errors.send(ctx.request(), 405, ctx.request().method() + " is not allowed here; use GET");
    });
    router.errorHandler(500, ctx -> Errors.send(ctx.request(), 500, "internal error"));
    ConnectionGuard guard = new ConnectionGuard(vertx, settings.limits(), connections);
    return vertx
        .createHttpServer(ServerOptions.tls(settings.tls(), settings.host(), settings.port(), settings.limits()))
        .connectionHandler(guard::connected)
        .requestHandler(request -> {
          guard.request(request);
          router.handle(request);
        })
        .listen();
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }
}
