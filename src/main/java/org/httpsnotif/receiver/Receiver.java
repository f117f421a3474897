package org.httpsnotif.receiver;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.httpsnotif.receiver.api.ApiSettings;
import org.httpsnotif.receiver.api.ApiVerticle;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.config.Tls;
import org.httpsnotif.receiver.ingest.Capabilities;
import org.httpsnotif.receiver.ingest.IngestSettings;
import org.httpsnotif.receiver.ingest.IngestVerticle;
import org.httpsnotif.receiver.store.DiscardVerticle;
import org.httpsnotif.receiver.store.Migrations;
import org.httpsnotif.receiver.store.NotificationCodec;
import org.httpsnotif.receiver.store.Notification;
import org.httpsnotif.receiver.store.PersistenceVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: blocking start-up work first (certificate, schema), then the persistence verticle,
 * then the HTTP verticles, one instance per core.
 */
public final class Receiver {

  private static final Logger log = LoggerFactory.getLogger(Receiver.class);

  /** Start-up cannot go on; the message is the one line the operator sees. */
  public static final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Vertx vertx;

  private Receiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a receiver; blocks until it listens or fails. */
  public static Receiver start(Options options, Map<String, String> env) throws StartupException {
    Tls tls;
    try {
      tls = Tls.load(options.tlsCert, options.tlsKey, options.selfSignedDir);
    } catch (Exception e) {
      throw new StartupException("cannot set up TLS: " + e.getMessage(), e);
    }
    Database database;
    try {
      database = Database.resolve(options.databaseUrl, env);
    } catch (IllegalArgumentException e) {
      throw new StartupException("bad database URL: " + e.getMessage(), e);
    }
    if (options.discard) {
      log.warn("--discard: notifications are acknowledged WITHOUT being stored (benchmarks only)");
    } else {
      try {
        var result = Migrations.run(database);
        log.info("Database {} at schema version {}", database.describe(), result.targetSchemaVersion != null
            ? result.targetSchemaVersion : result.initialSchemaVersion);
      } catch (FlywayException e) {
        throw new StartupException(
            "cannot use PostgreSQL at " + database.describe() + ": " + rootMessage(e), e);
      }
    }

    Vertx vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(Notification.class, new NotificationCodec());
    int instances = options.httpInstancesOrCores();
    List<String> basePaths = options.basePaths.stream().map(IngestSettings::normalise).distinct().toList();
    IngestSettings ingest =
        new IngestSettings(tls, options.ingestHost, options.ingestPort, basePaths, options.bodyLimit, options.retryAfter);
    ApiSettings api = new ApiSettings(tls, options.apiHost, options.apiPort, database, options.apiPageLimit);
    PersistenceVerticle.Settings store =
        new PersistenceVerticle.Settings(
            options.batchSize, options.dbConnections, options.maxPending, options.maxPendingBytes);
    Capabilities capabilities = new Capabilities();

    Future<?> started =
        vertx
            .deployVerticle(options.discard ? new DiscardVerticle() : new PersistenceVerticle(database, store))
            .compose(id -> vertx.deployVerticle(
                () -> new IngestVerticle(ingest, capabilities), new DeploymentOptions().setInstances(instances)))
            .compose(id -> vertx.deployVerticle(
                () -> new ApiVerticle(api), new DeploymentOptions().setInstances(instances)));
    try {
      started.await();
    } catch (Throwable e) {
      vertx.close();
      throw new StartupException("cannot start listening: " + rootMessage(e), e);
    }
    log.info("Ingest listener on https://{}:{} base paths {}", options.ingestHost, options.ingestPort,
        basePaths.stream().map(p -> p.isEmpty() ? "/" : p).toList());
    log.info("Api listener on https://{}:{}{}", options.apiHost, options.apiPort,
        isLoopback(options.apiHost) ? " (loopback only: no reader authentication is configured)" : "");
    log.info("TLS certificate {} SHA-256 fingerprint {}", tls.cert(), tls.fingerprint());
    log.info("{} HTTP verticle instances per listener", instances);
    return new Receiver(vertx);
  }

  /** Stops listening, writes what was accepted, and closes. */
  public Future<Void> close() {
    return vertx.close();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
