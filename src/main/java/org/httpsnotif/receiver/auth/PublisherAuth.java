package org.httpsnotif.receiver.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Establishes who a publisher is: a trusted client certificate mapped to a name, else HTTP Basic
 * credentials, else (when neither is configured) the peer address. With any method configured, a
 * request that proves nothing is refused.
 */
public final class PublisherAuth {

  public static final String REALM = "https-notif-receiver";

  private final boolean certificates;
  private final CertToName certToName;
  private final Optional<BasicVerifier> basic;

  public PublisherAuth(boolean certificates, CertToName certToName, Optional<BasicVerifier> basic) {
    this.certificates = certificates;
    this.certToName = certToName;
    this.basic = basic;
  }

  /** Anyone may publish, identified by address. */
  public static PublisherAuth open() {
    return new PublisherAuth(false, CertToName.ANY_TRUSTED, Optional.empty());
  }

  public boolean required() {
    return certificates || basic.isPresent();
  }

  public Future<Identity> authenticate(HttpServerRequest request) {
    String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    if (!required()) {
      return Future.succeededFuture(new Identity(address, Identity.ADDRESS));
    }
    List<X509Certificate> chain = certificates ? chain(request) : List.of();
    if (!chain.isEmpty()) {
      return certToName
          .nameFor(chain)
          .map(name -> Future.succeededFuture(new Identity(name, Identity.CERTIFICATE)))
          .orElseGet(() -> Future.failedFuture(new AuthFailure(403, null,
              "the client certificate maps to no publisher name")));
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (basic.isPresent() && authorization != null) {
      return basic.get().verify(authorization).compose(user -> user
          .map(name -> Future.succeededFuture(new Identity(name, Identity.BASIC)))
          .orElseGet(() -> Future.failedFuture(new AuthFailure(401, challenge(), "wrong user name or password"))));
    }
    return Future.failedFuture(basic.isPresent()
        ? new AuthFailure(401, challenge(), "credentials are required")
        : new AuthFailure(403, null, "a trusted client certificate is required"));
  }

  private static String challenge() {
    return "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
  }

  private static List<X509Certificate> chain(HttpServerRequest request) {
    try {
      List<Certificate> certs = request.connection().peerCertificates();
      return certs == null ? List.of() : certs.stream()
          .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}
