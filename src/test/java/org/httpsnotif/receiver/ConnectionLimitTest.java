package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connections past --max-connections are closed at once; freed places are usable again. */
class ConnectionLimitTest {

  private static final String BODY =
      "{\"ietf-https-notif:notification\":{\"eventTime\":\"2026-03-04T10:15:30Z\",\"a:b\":{\"c\":1}}}";
  private static final byte[] REQUEST = ("POST /relay-notification HTTP/1.1\r\nHost: r\r\nContent-Type: application/json\r\n"
      + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.UTF_8);

  @RegisterExtension
  static final ReceiverExtension FIXTURE = new ReceiverExtension(options -> options.maxConnections = 3);

  @Test
  void theConnectionOverTheLimitIsClosed() throws Exception {
    int port = FIXTURE.receiver().options.ingestPort;
    List<RawTls> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawTls tls = new RawTls(port);
        held.add(tls);
        assertEquals(204, tls.write(REQUEST).status());
      }
      int refused;
      try (RawTls extra = new RawTls(port)) {
        refused = extra.write(REQUEST).status();
      } catch (javax.net.ssl.SSLException closedDuringHandshake) {
        refused = RawTls.CLOSED;
      }
      assertEquals(RawTls.CLOSED, refused);
    } finally {
      for (RawTls tls : held) {
        tls.close();
      }
    }
    // The places are given back as the receiver sees the held connections close.
    int status = RawTls.CLOSED;
    for (int attempt = 0; attempt < 50 && status != 204; attempt++) {
      Thread.sleep(100);
      try (RawTls again = new RawTls(port)) {
        status = again.write(REQUEST).status();
      } catch (javax.net.ssl.SSLException notYet) {
        status = RawTls.CLOSED;
      }
    }
    assertEquals(204, status);
  }
}
