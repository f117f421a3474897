package org.httpsnotif.receiver.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.httpsnotif.receiver.http.ConnectionGuard;
import org.httpsnotif.receiver.http.ServerOptions;

/** The publisher-facing HTTPS listener; deployed once per core, all instances share the port. */
public final class IngestVerticle extends VerticleBase {

  private final IngestSettings settings;
  private final Capabilities capabilities;
  private final AtomicInteger connections;

  /** @param connections open connections of the listener, shared by its instances */
  public IngestVerticle(IngestSettings settings, Capabilities capabilities, AtomicInteger connections) {
    this.settings = settings;
    this.capabilities = capabilities;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = ServerOptions.tls(settings.tls(), settings.host(), settings.port(), settings.limits());
    if (settings.http2()) {
      ServerOptions.withHttp2(options);
    }
    if (!settings.clientCertificates().equals("none")) {
      ServerOptions.withClientCertificates(
          options, settings.clientCertificates().equals("require"), settings.trustAnchors());
    }
    ConnectionGuard guard = new ConnectionGuard(vertx, settings.limits(), connections);
    IngestRoutes routes = new IngestRoutes(vertx, settings, capabilities);
    return vertx
        .createHttpServer(options)
        .connectionHandler(guard::connected)
        .requestHandler(request -> {
          guard.request(request);
          routes.handle(request);
        })
        .listen();
  }
}
