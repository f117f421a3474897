package org.httpsnotif.receiver.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.httpsnotif.receiver.config.Tls;

/** The TLS server options both listeners share. */
public final class ServerOptions {

  private ServerOptions() {}

  public static HttpServerOptions tls(Tls tls, String host, int port) {
    return new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.cert().toString())
                .setKeyPath(tls.key().toString()))
        // Publishers keep connections open between notifications; this bounds abandoned ones.
        .setIdleTimeout(120)
        .setCompressionSupported(false);
  }
}
