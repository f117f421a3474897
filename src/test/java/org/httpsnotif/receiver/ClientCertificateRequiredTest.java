package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With client certificates required, a publisher without one does not get past the handshake. */
class ClientCertificateRequiredTest {

  private static final byte[] BODY = Splits.read("draft/https-notif-15/relay-notification.json");
  private static TestCertificates.Issued publisher;

  @RegisterExtension
  static final ReceiverExtension FIXTURE = new ReceiverExtension(ClientCertificateRequiredTest::configure);

  private static void configure(Options options) {
    try {
      TestCertificates certs = new TestCertificates(Files.createTempDirectory("hnr-require"));
      publisher = certs.issue("publisher", "edge-7", null);
      options.clientAuth = Options.ClientCertificates.require;
      options.trustAnchors = certs.ca.certFile();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void noCertificateNoConnection() {
    long before = FIXTURE.rows();
    assertThrows(Exception.class, () -> FIXTURE.receiver().post("/relay-notification", "application/json", BODY));
    assertEquals(before, FIXTURE.rows());
  }

  @Test
  void aTrustedCertificateWithoutAMapIsNamedByItsCommonName() throws Exception {
    TestReceiver.Client client = FIXTURE.receiver().client(new HttpClientOptions().setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(publisher.certFile().toString()).setKeyPath(publisher.keyFile().toString())));
    assertEquals(204, client.post("/relay-notification", "application/json", BODY).status());
    assertEquals(1, FIXTURE.db().count("SELECT count(*) FROM notification WHERE publisher = 'edge-7' AND auth_method = 'certificate'"));
  }
}
