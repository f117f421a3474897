package org.httpsnotif.receiver;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.FlywayException;
import org.httpsnotif.receiver.api.ApiSettings;
import org.httpsnotif.receiver.api.ApiVerticle;
import org.httpsnotif.receiver.auth.BasicVerifier;
import org.httpsnotif.receiver.auth.CertToName;
import org.httpsnotif.receiver.auth.CredentialFile;
import org.httpsnotif.receiver.auth.PasswordHash;
import org.httpsnotif.receiver.auth.PublisherAuth;
import org.httpsnotif.receiver.auth.ReaderAuth;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.config.Tls;
import org.httpsnotif.receiver.decode.DecodeLimits;
import org.httpsnotif.receiver.decode.Decoders;
import org.httpsnotif.receiver.http.Native;
import org.httpsnotif.receiver.http.ServerLimits;
import org.httpsnotif.receiver.ingest.Capabilities;
import org.httpsnotif.receiver.ingest.IngestSettings;
import org.httpsnotif.receiver.ingest.IngestVerticle;
import org.httpsnotif.receiver.store.DiscardVerticle;
import org.httpsnotif.receiver.store.Migrations;
import org.httpsnotif.receiver.store.NotificationCodec;
import org.httpsnotif.receiver.store.NotificationGroup;
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

  /** Upper bound of --commit-delay, in microseconds: one second. */
  private static final long MAX_COMMIT_DELAY_MICROS = 1_000_000;

  private final Vertx vertx;

  private Receiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a receiver; blocks until it listens or fails. */
  public static Receiver start(Options options, Map<String, String> env) throws StartupException {
    // A notification held longer would near the hand-over's 30 s send timeout (a 503), and no
    // batch is worth a second of every publisher's time.
    if (options.commitDelay < 0 || options.commitDelay > MAX_COMMIT_DELAY_MICROS) {
      throw new StartupException(
          "--commit-delay must be 0 to " + MAX_COMMIT_DELAY_MICROS + " microseconds, not " + options.commitDelay, null);
    }
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

    Vertx vertx = Vertx.vertx(Native.vertxOptions());
    vertx.eventBus().registerDefaultCodec(NotificationGroup.class, new NotificationCodec());
    int instances = options.httpInstancesOrCores();
    List<String> basePaths = options.basePaths.stream().map(IngestSettings::normalise).distinct().toList();
    ServerLimits limits =
        new ServerLimits(
            (int) Math.min(Integer.MAX_VALUE, options.maxHeaderSize), options.idleTimeout,
            options.headerTimeout, options.maxConnections);
    Decoders decoders =
        new Decoders(new DecodeLimits(options.maxDepth, (int) Math.min(Integer.MAX_VALUE, options.maxStringLength),
            options.maxMembers, options.maxXmlAttributes));
    PublisherAuth publisherAuth;
    ReaderAuth readerAuth;
    try {
      publisherAuth = publisherAuth(vertx, options);
      readerAuth = readerAuth(vertx, options);
    } catch (IOException e) {
      vertx.close();
      throw new StartupException("cannot read credentials: " + e.getMessage(), e);
    }
    String apiHost = apiHost(options.apiHost, readerAuth.configured());
    if (!apiHost.equals(options.apiHost)) {
      log.warn("No reader authentication is configured: the api listener binds to {}, not {}", apiHost, options.apiHost);
    }
    IngestSettings ingest =
        new IngestSettings(tls, options.ingestHost, options.ingestPort, basePaths, options.bodyLimit,
            options.bodyTimeout, options.retryAfter, options.batchSize, options.http2, limits, decoders, publisherAuth,
            options.clientAuth.name(), options.trustAnchors);
    ApiSettings api = new ApiSettings(tls, apiHost, options.apiPort, database, options.apiPageLimit, limits, readerAuth);
    PersistenceVerticle.Settings store =
        new PersistenceVerticle.Settings(
            options.batchSize, options.dbConnections, options.maxPending, options.maxPendingBytes,
            options.commitDelay * 1000);
    Capabilities capabilities = new Capabilities();
    AtomicInteger ingestConnections = new AtomicInteger();
    AtomicInteger apiConnections = new AtomicInteger();

    Future<?> started =
        vertx
            .deployVerticle(options.discard ? new DiscardVerticle() : new PersistenceVerticle(database, store))
            .compose(id -> vertx.deployVerticle(
                () -> new IngestVerticle(ingest, capabilities, ingestConnections),
                new DeploymentOptions().setInstances(instances)))
            .compose(id -> vertx.deployVerticle(
                () -> new ApiVerticle(api, apiConnections), new DeploymentOptions().setInstances(instances)));
    try {
      started.await();
    } catch (Throwable e) {
      vertx.close();
      throw new StartupException("cannot start listening: " + rootMessage(e), e);
    }
    log.info("Ingest listener on https://{}:{} base paths {}", options.ingestHost, options.ingestPort,
        basePaths.stream().map(p -> p.isEmpty() ? "/" : p).toList());
    log.info("Publishers: {}", describe(options, publisherAuth));
    log.info("Api listener on https://{}:{}{}", apiHost, options.apiPort,
        readerAuth.configured() ? " (readers must authenticate)" : " (loopback only: no reader authentication is configured)");
    log.info("TLS certificate {} SHA-256 fingerprint {}", tls.cert(), tls.fingerprint());
    log.info("{} HTTP verticle instances per listener; {}", instances, Native.describe(vertx));
    return new Receiver(vertx);
  }

  /** Stops listening, writes what was accepted, and closes. */
  public Future<Void> close() {
    return vertx.close();
  }

  private static PublisherAuth publisherAuth(Vertx vertx, Options options) throws IOException {
    boolean certificates = options.clientAuth != Options.ClientCertificates.none;
    CertToName map = options.certMap == null ? CertToName.ANY_TRUSTED : CertToName.read(options.certMap);
    if (options.trustAnchors != null) {
      map = map.withAnchors(CertToName.readAnchors(options.trustAnchors));
    }
    Optional<BasicVerifier> basic = options.publisherUsers == null
        ? Optional.empty()
        : Optional.of(new BasicVerifier(vertx, users(options.publisherUsers)));
    return new PublisherAuth(certificates, map, basic);
  }

  private static ReaderAuth readerAuth(Vertx vertx, Options options) throws IOException {
    CredentialFile tokens = options.readerTokens == null ? CredentialFile.empty() : CredentialFile.read(options.readerTokens);
    Optional<BasicVerifier> basic = options.readerUsers == null
        ? Optional.empty()
        : Optional.of(new BasicVerifier(vertx, users(options.readerUsers)));
    return new ReaderAuth(tokens, basic);
  }

  /** A users file must hold hashes only: a plain password there is refused, not used. */
  private static CredentialFile users(java.nio.file.Path file) throws IOException {
    CredentialFile users = CredentialFile.read(file);
    for (var entry : users.entries().entrySet()) {
      if (!PasswordHash.isHash(entry.getValue())) {
        throw new IOException(file + ": the entry of '" + entry.getKey() + "' is not a password hash; use add-user");
      }
    }
    return users;
  }

  private static String describe(Options options, PublisherAuth auth) {
    if (!auth.required()) {
      return "anyone, identified by address (no publisher authentication is configured)";
    }
    List<String> ways = new java.util.ArrayList<>();
    if (options.clientAuth != Options.ClientCertificates.none) {
      ways.add("client certificate (" + options.clientAuth + ")");
    }
    if (options.publisherUsers != null) {
      ways.add("HTTP Basic");
    }
    return String.join(" or ", ways);
  }

  /** Stored telemetry is not for everyone: without reader credentials, only loopback. */
  static String apiHost(String configured, boolean readersAuthenticate) {
    return readersAuthenticate || isLoopback(configured) ? configured : "127.0.0.1";
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
