package org.httpsnotif.receiver.ingest;

import java.util.List;
import org.httpsnotif.receiver.config.Tls;

/**
 * What the ingest listener needs to know.
 *
 * @param basePaths normalised: no trailing slash, the root as ""
 * @param retryAfterSeconds sent with 503 when storage cannot take a notification
 */
public record IngestSettings(
    Tls tls, String host, int port, List<String> basePaths, long bodyLimit, int retryAfterSeconds) {

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
