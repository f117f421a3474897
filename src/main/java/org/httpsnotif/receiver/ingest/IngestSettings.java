package org.httpsnotif.receiver.ingest;

import java.nio.file.Path;
import java.util.List;
import org.httpsnotif.receiver.auth.PublisherAuth;
import org.httpsnotif.receiver.config.Tls;
import org.httpsnotif.receiver.decode.Decoders;
import org.httpsnotif.receiver.http.ServerLimits;

/**
 * What the ingest listener needs to know.
 *
 * @param basePaths normalised: no trailing slash, the root as ""
 * @param retryAfterSeconds sent with 503 when storage cannot take a notification
 * @param maxGroup most notifications handed to storage in one message (the batch size)
 * @param clientCertificates none, request or require
 * @param trustAnchors CA bundle for client certificates, or null
 */
public record IngestSettings(
    Tls tls,
    String host,
    int port,
    List<String> basePaths,
    long bodyLimit,
    int bodyTimeoutSeconds,
    int retryAfterSeconds,
    int maxGroup,
    boolean http2,
    ServerLimits limits,
    Decoders decoders,
    PublisherAuth auth,
    String clientCertificates,
    Path trustAnchors) {

  /** "/" becomes "", "/a/b/" becomes "/a/b"; a missing leading slash is added. */
  public static String normalise(String basePath) {
    String p = basePath.trim();
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
