package org.httpsnotif.receiver.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against a users file. A password hash takes a fraction of a second
 * by design, and publishers send the header with every notification, so a successful check is
 * remembered for a while (by a digest of the header, never the password itself) and the hashing
 * runs on two worker threads, never on an event loop.
 */
public final class BasicVerifier {

  private static final long REMEMBER_MILLIS = 10 * 60 * 1000;
  private static final int REMEMBER_AT_MOST = 10_000;

  private final CredentialFile users;
  private final WorkerExecutor workers;
  private final Map<String, Long> verified = new ConcurrentHashMap<>();

  public BasicVerifier(Vertx vertx, CredentialFile users) {
    this.users = users;
    this.workers = vertx.createSharedWorkerExecutor("password-check", 2);
  }

  /** The user name when the Authorization header carries valid Basic credentials, else empty. */
  public Future<Optional<String>> verify(String authorization) {
    Optional<String[]> credentials = decode(authorization);
    if (credentials.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String user = credentials.get()[0];
    String key = digest(authorization);
    Long until = verified.get(key);
    if (until != null && until > System.currentTimeMillis()) {
      return Future.succeededFuture(Optional.of(user));
    }
    Optional<String> stored = users.secret(user);
    if (stored.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    char[] password = credentials.get()[1].toCharArray();
    return workers
        .executeBlocking(() -> PasswordHash.verify(password, stored.get()), false)
        .map(ok -> {
          if (!ok) {
            return Optional.<String>empty();
          }
          if (verified.size() >= REMEMBER_AT_MOST) {
            verified.clear();
          }
          verified.put(key, System.currentTimeMillis() + REMEMBER_MILLIS);
          return Optional.of(user);
        });
  }

  /** user and password from a Basic header, or empty when it is absent or not Basic. */
  static Optional<String[]> decode(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
