package org.httpsnotif.receiver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of PostgreSQL that a test can cut (refuse connections) or stall
 * (accept but hold them) and then restore, to play a database outage for real.
 */
final class TcpProxy implements AutoCloseable {

  private enum Mode {
    FORWARD,
    REFUSE,
    STALL
  }

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final List<NetSocket> open = new CopyOnWriteArrayList<>();
  private final List<NetSocket> stalled = new CopyOnWriteArrayList<>();
  private final String targetHost;
  private final int targetPort;
  private final NetServer server;
  private volatile Mode mode = Mode.FORWARD;

  TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = vertx.createNetServer().connectHandler(this::accept);
    server.listen(0, "127.0.0.1").await();
  }

  int port() {
    return server.actualPort();
  }

  /** Closes every proxied connection and refuses new ones; returns once they are closed. */
  void cut() {
    mode = Mode.REFUSE;
    closeOpen();
  }

  /** Closes every proxied connection and holds new ones without an answer; returns once closed. */
  void stall() {
    mode = Mode.STALL;
    closeOpen();
  }

  /** Forwards again, including the connections held while stalled. */
  void restore() {
    mode = Mode.FORWARD;
    stalled.forEach(this::forward);
    stalled.clear();
  }

  private void accept(NetSocket socket) {
    switch (mode) {
      case REFUSE -> socket.close();
      case STALL -> {
        socket.pause();
        stalled.add(socket);
      }
      case FORWARD -> forward(socket);
    }
  }

  private void forward(NetSocket socket) {
    socket.pause();
    client
        .connect(targetPort, targetHost)
        .onSuccess(
            upstream -> {
              if (mode != Mode.FORWARD) {
                // Cut or stalled while this connection was being set up.
                upstream.close();
                socket.close();
                return;
              }
              open.add(socket);
              open.add(upstream);
              socket.pipeTo(upstream);
              upstream.pipeTo(socket);
            })
        .onFailure(e -> socket.close());
  }

  // Waits for the closes: a request the test sends next must not still reach PostgreSQL through
  // a connection whose close is only queued (it would be stored, and its answer lost).
  private void closeOpen() {
    List<Future<Void>> closed = open.stream().map(NetSocket::close).toList();
    open.clear();
    Future.join(closed).await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
