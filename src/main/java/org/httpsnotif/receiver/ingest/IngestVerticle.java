package org.httpsnotif.receiver.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import org.httpsnotif.receiver.http.ServerOptions;

/** The publisher-facing HTTPS listener; deployed once per core, all instances share the port. */
public final class IngestVerticle extends VerticleBase {

  private final IngestSettings settings;
  private final Capabilities capabilities;

  public IngestVerticle(IngestSettings settings, Capabilities capabilities) {
    this.settings = settings;
    this.capabilities = capabilities;
  }

  @Override
  public Future<?> start() {
    HttpServer server =
        vertx
            .createHttpServer(ServerOptions.tls(settings.tls(), settings.host(), settings.port()))
            .requestHandler(new IngestRoutes(vertx, settings, capabilities));
    return server.listen();
  }
}
