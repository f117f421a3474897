package org.httpsnotif.receiver.http;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.List;
import org.httpsnotif.receiver.config.Tls;

/** The TLS server options of a listener. */
public final class ServerOptions {

  private ServerOptions() {}

  public static HttpServerOptions tls(Tls tls, String host, int port, ServerLimits limits) {
    return tls(tls, host, port)
        .setIdleTimeout(limits.idleTimeoutSeconds())
        .setMaxHeaderSize(limits.maxHeaderSize());
  }

  /** TLS alone, without the listener's limits: also the bare server's of bench/, its ceiling. */
  public static HttpServerOptions tls(Tls tls, String host, int port) {
    return new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setSslEngineOptions(Native.tlsEngine())
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.cert().toString())
                .setKeyPath(tls.key().toString()))
        .setCompressionSupported(false);
  }

  /** Adds HTTP/2 by ALPN, beside HTTP/1.1. */
  public static HttpServerOptions withHttp2(HttpServerOptions options) {
    return options.setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
  }

  /** Asks for (or requires) client certificates chaining to the given anchors. */
  public static HttpServerOptions withClientCertificates(HttpServerOptions options, boolean required, Path anchors) {
    options.setClientAuth(required ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    if (anchors != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(anchors.toString()));
    }
    return options;
  }
}
