package org.httpsnotif.receiver.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what a connection may hold without doing anything useful. The idle timeout alone does
 * not stop a client that sends its headers a byte at a time, so each connection must complete a
 * request's headers within the header timeout of connecting, and within the idle timeout of its
 * previous answer. One guard per verticle instance; the connection count is shared by the
 * listener's instances.
 */
public final class ConnectionGuard {

  /** Per connection, on its event loop only. */
  private static final class State {
    int inFlight;
    long timer = -1;
  }

  private final Vertx vertx;
  private final ServerLimits limits;
  private final AtomicInteger open;
  private final Map<HttpConnection, State> states = new HashMap<>();

  public ConnectionGuard(Vertx vertx, ServerLimits limits, AtomicInteger open) {
    this.vertx = vertx;
    this.limits = limits;
    this.open = open;
  }

  public void connected(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      connection.close();
      return;
    }
    State state = new State();
    states.put(connection, state);
    arm(connection, state, limits.headerTimeoutSeconds());
    connection.closeHandler(v -> {
      open.decrementAndGet();
      State closed = states.remove(connection);
      if (closed != null && closed.timer >= 0) {
        vertx.cancelTimer(closed.timer);
      }
    });
  }

  /** Call as a request's headers arrive; the answer's end restarts the wait for the next one. */
  public void request(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    State state = states.get(connection);
    if (state == null) {
      return;
    }
    state.inFlight++;
    if (state.timer >= 0) {
      vertx.cancelTimer(state.timer);
      state.timer = -1;
    }
    Runnable done = new Runnable() {
      private boolean counted;

      @Override
      public void run() {
        if (!counted) {
          counted = true;
          if (--state.inFlight == 0 && states.containsKey(connection)) {
            arm(connection, state, limits.idleTimeoutSeconds());
          }
        }
      }
    };
    request.response().closeHandler(v -> done.run());
    request.response().endHandler(v -> done.run());
  }

  private void arm(HttpConnection connection, State state, int seconds) {
    state.timer = vertx.setTimer(seconds * 1000L, id -> {
      state.timer = -1;
      connection.close();
    });
  }
}
