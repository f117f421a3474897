package org.httpsnotif.receiver.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * Native transport and TLS where the platform has them (epoll, BoringSSL), the JDK's otherwise.
 * In the benchmark profile TLS was the largest single share of the receiver's CPU and the JDK's
 * engine costs several times BoringSSL's per byte; epoll saves system calls on every request.
 * {@code -Dhnr.jdk=true} keeps the JDK's, to measure the difference or work around a native fault.
 */
public final class Native {

  private static final boolean JDK_ONLY = Boolean.getBoolean("hnr.jdk");

  private Native() {}

  public static VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(!JDK_ONLY);
  }

  public static SSLEngineOptions tlsEngine() {
    return !JDK_ONLY && OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }

  /** What the running receiver or publisher uses, for its start-up log. */
  public static String describe(Vertx vertx) {
    return (tlsEngine() instanceof OpenSSLEngineOptions ? "TLS by BoringSSL" : "TLS by the JDK")
        + (vertx.isNativeTransportEnabled() ? ", epoll transport" : ", NIO transport");
  }
}
