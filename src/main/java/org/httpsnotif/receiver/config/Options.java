package org.httpsnotif.receiver.config;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every option of the receiver, with its default. Each can also be set by the environment variable
 * {@code HNR_<NAME>} (upper case, dashes as underscores) or by a line {@code name = value} in the
 * file given with {@code --config}; the command line wins over the environment, which wins over
 * the file.
 */
@Command(
    name = "https-notif-receiver",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = {
      "Receives YANG notifications pushed over HTTPS (draft-ietf-netconf-https-notif) in JSON,"
          + " XML and CBOR, stores each in PostgreSQL before acknowledging it, and serves them back"
          + " over a query API.",
      ""
    },
    footer = {
      "",
      "Every option can also be set as HNR_<OPTION> in the environment (HNR_INGEST_PORT=4443) or as"
          + " 'option = value' in the --config file (ingest-port = 4443). The command line wins over the"
          + " environment, which wins over the file.",
      "",
      "Without --database-url the PostgreSQL variables PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD"
          + " apply, with libpq's defaults (127.0.0.1, 5432, user = OS user, database = user).",
      "",
      "Commands: add-user (users files for --publisher-users and --reader-users), add-token"
          + " (--reader-tokens), publish (a publisher to try a receiver with). Run"
          + " 'java -jar https-notif-receiver.jar COMMAND --help' for theirs."
    })
public final class Options {

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of options.")
  public Path config;

  @Option(names = "--ingest-host", defaultValue = "0.0.0.0",
      description = "Address of the ingest listener (publishers).")
  public String ingestHost;

  @Option(names = "--ingest-port", defaultValue = "4443", description = "Port of the ingest listener.")
  public int ingestPort;

  @Option(names = "--base-path", defaultValue = "/", split = ",", paramLabel = "PATH",
      description = "Base paths publishers are configured with; capabilities and"
          + " relay-notification are served under each. Comma-separated or repeated.")
  public List<String> basePaths;

  @Option(names = "--api-host", defaultValue = "127.0.0.1",
      description = "Address of the api listener (readers). Loopback, because reader"
          + " authentication is not configured.")
  public String apiHost;

  @Option(names = "--api-port", defaultValue = "8443", description = "Port of the api listener.")
  public int apiPort;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "postgresql://user:password@host:port/database; overrides the PG* variables.")
  public String databaseUrl;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Server certificate chain (PEM). Without it a self-signed one is used.")
  public Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert (PEM, PKCS#8).")
  public Path tlsKey;

  @Option(names = "--self-signed-dir", defaultValue = "certs", paramLabel = "DIR",
      description = "Where the self-signed certificate is generated once and reused.")
  public Path selfSignedDir;

  @Option(names = "--http-instances", defaultValue = "0", paramLabel = "N",
      description = "HTTP verticle instances per listener; 0 means one per core.")
  public int httpInstances;

  @Option(names = "--body-limit", defaultValue = "16MiB", converter = Sizes.class, paramLabel = "SIZE",
      description = "Largest notification body accepted (413 above).")
  public long bodyLimit;

  @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
      description = "Most notifications written in one INSERT.")
  public int batchSize;

  // Fewer batches in flight make each larger, and PostgreSQL's cost per row falls with batch size:
  // measured with 100 publishers' connections flat out and every free connection taking what was
  // pending, 4 gave 14,100/s at 35 us of PostgreSQL CPU per row, 2 gave 18,400/s at 24 us, 1 gave
  // 19,000/s at 17 us. So a connection beside a busy one takes a batch only once a backlog has
  // built (PersistenceVerticle.PARALLEL_BATCH). With that rule 4 beat 2, which left the CPU idle
  // while batches waited on their WAL flush (figures at PersistenceVerticle.worthAnother).
  @Option(names = "--db-connections", defaultValue = "4", paramLabel = "N",
      description = "Batches written at once (connections of the write pool).")
  public int dbConnections;

  // Measured at 8,000 JSON notifications/s (half the maximum) on a 2-core machine, three runs
  // each: writing what was pending as soon as the last batch was committed made 4.1-4.3 rows per
  // commit, PostgreSQL took 23-24 % of the machine and 16-17 % of it was idle; with 1 ms, 11.9-12.4
  // rows per commit, PostgreSQL 11-15 %, 32-49 % idle, p99 6.9-7.6 ms against 6.9-14.6 ms, and the
  // median 0.7 ms later (2.3-2.4 ms). Flat out: 28.5 rows per commit against 24, 5 % more per second.
  @Option(names = "--commit-delay", defaultValue = "1000", paramLabel = "MICROSECONDS",
      description = "While batches are written back to back, how long a notification may wait for"
          + " more to join its batch, 0 to 1000000 (0: never waits). A lone notification never waits.")
  public long commitDelay;

  @Option(names = "--max-pending", defaultValue = "10000", paramLabel = "N",
      description = "Notifications waiting to be written before publishers get 503.")
  public int maxPending;

  @Option(names = "--max-pending-bytes", defaultValue = "64MiB", converter = Sizes.class,
      paramLabel = "SIZE", description = "Payload bytes waiting to be written before publishers get 503.")
  public long maxPendingBytes;

  @Option(names = "--retry-after", defaultValue = "5", paramLabel = "SECONDS",
      description = "Retry-After sent with 503 when storage cannot take a notification.")
  public int retryAfter;

  @Option(names = "--api-page-limit", defaultValue = "1000", paramLabel = "N",
      description = "Largest page the query API returns.")
  public int apiPageLimit;

  // Publisher authentication (ingest listener).

  @Option(names = "--client-auth", defaultValue = "none", paramLabel = "MODE",
      description = "TLS client certificates on the ingest listener: none, request or require.")
  public ClientCertificates clientAuth;

  @Option(names = "--trust-anchors", paramLabel = "PEM",
      description = "CA certificates (PEM bundle) that publisher certificates must chain to.")
  public Path trustAnchors;

  @Option(names = "--cert-map", paramLabel = "FILE",
      description = "Certificate-to-name map (RFC 7407 style: ID FINGERPRINT MAP-TYPE [NAME] per line)."
          + " Without it a trusted certificate's first SAN, else its CN, names the publisher.")
  public Path certMap;

  @Option(names = "--publisher-users", paramLabel = "FILE",
      description = "Users file for HTTP Basic publishers (see the add-user command).")
  public Path publisherUsers;

  // Reader authentication (api listener).

  @Option(names = "--reader-users", paramLabel = "FILE",
      description = "Users file for HTTP Basic readers of the api listener.")
  public Path readerUsers;

  @Option(names = "--reader-tokens", paramLabel = "FILE",
      description = "Bearer tokens of readers (see the add-token command).")
  public Path readerTokens;

  // Limits.

  @Option(names = "--http2", defaultValue = "true", negatable = true, fallbackValue = "true",
      description = "Offer HTTP/2 by ALPN on the ingest listener, beside HTTP/1.1 (on by default).")
  public boolean http2;

  @Option(names = "--max-depth", defaultValue = "256", paramLabel = "N",
      description = "Deepest nesting of objects, arrays or elements in a body.")
  public int maxDepth;

  @Option(names = "--max-string-length", defaultValue = "4MiB", converter = Sizes.class, paramLabel = "SIZE",
      description = "Longest string value in a JSON or CBOR body.")
  public long maxStringLength;

  @Option(names = "--max-members", defaultValue = "1000000", paramLabel = "N",
      description = "Most members, items or child elements in one object, array or element.")
  public int maxMembers;

  @Option(names = "--max-xml-attributes", defaultValue = "100", paramLabel = "N",
      description = "Most attributes on one XML element, namespace declarations included.")
  public int maxXmlAttributes;

  @Option(names = "--max-header-size", defaultValue = "8KiB", converter = Sizes.class, paramLabel = "SIZE",
      description = "Largest request header section (431 above).")
  public long maxHeaderSize;

  @Option(names = "--idle-timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "A connection with no request for this long is closed.")
  public int idleTimeout;

  @Option(names = "--header-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "Time a new connection has to send its first request's headers.")
  public int headerTimeout;

  @Option(names = "--body-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "Time a request has to send its whole body (408 after).")
  public int bodyTimeout;

  @Option(names = "--max-connections", defaultValue = "10000", paramLabel = "N",
      description = "Open connections per listener; more are closed at once.")
  public int maxConnections;

  /** TLS client certificate policy of the ingest listener. */
  public enum ClientCertificates {
    none,
    request,
    require
  }

  @Option(names = "--discard",
      description = "Benchmarks only: acknowledge notifications WITHOUT storing them (no schema"
          + " migration either), to measure the receiver without PostgreSQL.")
  public boolean discard;

  public int httpInstancesOrCores() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }
}
