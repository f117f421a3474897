package org.httpsnotif.receiver.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Properties;

/**
 * Native transport and TLS where the platform has them (epoll, BoringSSL), the JDK's otherwise.
 * In the benchmark profile TLS was the largest single share of the receiver's CPU and the JDK's
 * engine costs several times BoringSSL's per byte; epoll saves system calls on every request.
 * {@code -Dhnr.jdk=true} keeps the JDK's, to measure the difference or work around a native fault.
 */
public final class Native {

  private static final boolean JDK_ONLY = Boolean.getBoolean("hnr.jdk");

  private Native() {}

  /**
   * Keeps Netty's {@code sun.misc.Unsafe} paths on Java 25 and later, where Netty 4.2 turns them off
   * by default: without them the receiver cost about 14 % more CPU per notification (XML at full
   * load, two receivers on Temurin 25 side by side: less in all 8 rounds). An operator's own
   * {@code -Dio.netty.noUnsafe} or {@code --sun-misc-unsafe-memory-access} wins. Call before any
   * Netty class loads.
   */
  public static void keepUnsafe(Properties system, int javaFeature) {
    if (javaFeature >= 25
        && system.getProperty("io.netty.noUnsafe") == null
        && system.getProperty("sun.misc.unsafe.memory.access") == null) {
      system.setProperty("io.netty.noUnsafe", "false");
    }
  }

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
