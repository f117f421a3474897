package org.httpsnotif.receiver.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what a connection may hold without doing anything useful. The idle timeout alone does
 * not stop a client that sends its headers a byte at a time, so each connection must complete a
 * request's headers within the header timeout of connecting, and within the idle timeout of its
 * previous answer. One guard per verticle instance; the connection count is shared by the
 * listener's instances.
 *
 * <p>Deadlines are checked by one sweep a second rather than a timer per connection: setting and
 * cancelling a timer on every request and answer was a visible share of the CPU under load.
 */
public final class ConnectionGuard {

  /** Per connection, on its event loop only. */
  private static final class State {
    int inFlight;
    /** System.nanoTime() by which the next request's headers must arrive; 0 while one is in flight. */
    long deadline;
  }

  private final ServerLimits limits;
  private final AtomicInteger open;
  private final Map<HttpConnection, State> states = new HashMap<>();

  /** Call on the verticle's context: the sweep runs there, with the connections' events. */
  public ConnectionGuard(Vertx vertx, ServerLimits limits, AtomicInteger open) {
    this.limits = limits;
    this.open = open;
    vertx.setPeriodic(1000, id -> sweep());
  }

  private void sweep() {
    long now = System.nanoTime();
    List<HttpConnection> late = new ArrayList<>();
    states.forEach((connection, state) -> {
      if (state.deadline != 0 && now - state.deadline >= 0) {
        late.add(connection);
      }
    });
    late.forEach(HttpConnection::close);
  }

  public void connected(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      connection.close();
      return;
    }
    State state = new State();
    states.put(connection, state);
    arm(state, limits.headerTimeoutSeconds());
    connection.closeHandler(v -> {
      open.decrementAndGet();
      states.remove(connection);
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
    state.deadline = 0;
    Runnable done = new Runnable() {
      private boolean counted;

      @Override
      public void run() {
        if (!counted) {
          counted = true;
          if (--state.inFlight == 0) {
            arm(state, limits.idleTimeoutSeconds());
          }
        }
      }
    };
    request.response().closeHandler(v -> done.run());
    request.response().endHandler(v -> done.run());
  }

  private static void arm(State state, int seconds) {
    // Never 0, which means "in flight".
    state.deadline = (System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)) | 1;
  }
}
