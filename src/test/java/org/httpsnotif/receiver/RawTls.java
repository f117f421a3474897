package org.httpsnotif.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A TLS socket to the receiver that sends exactly the bytes a test gives, as slowly as it likes. */
final class RawTls implements AutoCloseable {

  /** The answer, or CLOSED when the receiver closed the connection without one. */
  static final int CLOSED = -1;

  private final SSLSocket socket;
  private final OutputStream out;
  private final InputStream in;

  RawTls(int port) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    socket.setSoTimeout(15_000);
    socket.startHandshake();
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** Writes; a receiver that already answered and closed may refuse the rest, which is fine. */
  RawTls write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException closedByTheReceiver) {
      // The answer, if any, is still there to read.
    }
    return this;
  }

  RawTls write(String text) {
    return write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes one byte per interval, at most {@code max} bytes, stopping early once the receiver
   * closed the connection. Returns whether it was closed.
   */
  boolean trickle(byte[] bytes, long intervalMillis, int max) throws InterruptedException {
    for (int i = 0; i < Math.min(max, bytes.length); i++) {
      try {
        out.write(bytes[i]);
        out.flush();
      } catch (IOException closed) {
        return true;
      }
      Thread.sleep(intervalMillis);
    }
    return false;
  }

  /** The status of the answer, or {@link #CLOSED}. Fails on a read timeout. */
  int status() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.contains("\r\n")) {
          return Integer.parseInt(text.substring(9, 12));
        }
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException reset) {
      return CLOSED;
    }
    return CLOSED;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
