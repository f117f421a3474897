package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.httpsnotif.receiver.auth.CredentialFile;
import org.httpsnotif.receiver.auth.PasswordHash;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishers authenticated by client certificate (mapped to names, RFC 7407 style) or HTTP Basic;
 * anything else is refused and stores nothing, and each row records who sent it and how.
 */
class PublisherAuthTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BODY = Splits.read("draft/https-notif-15/relay-notification.json");
  private static final Path DIR = tempDir();
  private static TestCertificates certs;
  private static TestCertificates.Issued mapped;
  private static TestCertificates.Issued viaCa;
  private static TestCertificates.Issued noSan;
  private static TestCertificates.Issued untrusted;

  @RegisterExtension
  static final ReceiverExtension FIXTURE = new ReceiverExtension(PublisherAuthTest::configure);

  private static void configure(Options options) {
    try {
      certs = new TestCertificates(DIR);
      mapped = certs.issue("mapped", "r1", "r1.example");
      viaCa = certs.issue("via-ca", "r2", "router-2.example");
      noSan = certs.issue("no-san", "r3", null);
      untrusted = certs.selfSigned("untrusted", "intruder");
      Path map = DIR.resolve("cert-map");
      Files.writeString(map, String.join("\n",
          "# id fingerprint map-type [name]",
          "10 " + mapped.fingerprint() + " specified core-router-1",
          "20 " + certs.ca.fingerprint() + " san-dns-name",
          ""));
      Path users = DIR.resolve("publishers");
      CredentialFile.put(users, "pub", PasswordHash.hash("s3cret".toCharArray()));
      options.clientAuth = Options.ClientCertificates.request;
      options.trustAnchors = certs.ca.certFile();
      options.certMap = map;
      options.publisherUsers = users;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestReceiver.Client withCertificate(TestCertificates.Issued issued) {
    return FIXTURE.receiver().client(new HttpClientOptions().setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(issued.certFile().toString()).setKeyPath(issued.keyFile().toString())));
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode newest() throws Exception {
    return JSON.readTree(FIXTURE.receiver().api("/api/notifications?limit=1").text()).get("notifications").get(0);
  }

  @Test
  void aMappedCertificateNamesThePublisher() throws Exception {
    assertEquals(204, withCertificate(mapped).post("/relay-notification", "application/json", BODY).status());
    assertEquals("core-router-1", newest().get("publisher").asText());
    assertEquals("certificate", newest().get("auth-method").asText());
  }

  @Test
  void aCertificateIssuedByAMappedCaIsNamedByItsSan() throws Exception {
    assertEquals(204, withCertificate(viaCa).post("/relay-notification", "application/json", BODY).status());
    assertEquals("router-2.example", newest().get("publisher").asText());
  }

  @Test
  void aTrustedCertificateThatMapsToNoNameIsForbidden() {
    long before = FIXTURE.rows();
    TestReceiver.Response r = withCertificate(noSan).post("/relay-notification", "application/json", BODY);
    assertEquals(403, r.status(), r.text());
    assertTrue(r.text().contains("maps to no publisher name"), r.text());
    assertEquals(before, FIXTURE.rows());
  }

  @Test
  void anUntrustedCertificateProvesNothing() {
    long before = FIXTURE.rows();
    TestReceiver.Response r = withCertificate(untrusted).post("/relay-notification", "application/json", BODY);
    assertEquals(401, r.status(), r.text());
    assertEquals(before, FIXTURE.rows());
  }

  @Test
  void basicCredentialsNameThePublisher() throws Exception {
    TestReceiver.Response r = FIXTURE.receiver().client(new HttpClientOptions())
        .postAsync("/relay-notification", "application/json", BODY, basic("pub", "s3cret")).await();
    assertEquals(204, r.status(), r.text());
    assertEquals("pub", newest().get("publisher").asText());
    assertEquals("basic", newest().get("auth-method").asText());
    // The second time comes from the cache of verified credentials, and must agree.
    assertEquals(204, FIXTURE.receiver().client(new HttpClientOptions())
        .postAsync("/relay-notification", "application/json", BODY, basic("pub", "s3cret")).await().status());
  }

  @Test
  void wrongOrMissingCredentialsAre401WithAChallenge() {
    long before = FIXTURE.rows();
    for (Map<String, String> headers : new Map[] {basic("pub", "wrong"), basic("nobody", "s3cret"), Map.of(),
        Map.of("Authorization", "Basic !!!not-base64")}) {
      TestReceiver.Response r = FIXTURE.receiver().client(new HttpClientOptions())
          .postAsync("/relay-notification", "application/json", BODY, headers).await();
      assertEquals(401, r.status(), headers + " " + r.text());
      assertTrue(r.headers().get("WWW-Authenticate").startsWith("Basic realm="), r.headers().toString());
    }
    TestReceiver.Response capabilities = FIXTURE.receiver().ingest(HttpMethod.GET, "/capabilities", Map.of());
    assertEquals(401, capabilities.status());
    assertEquals(before, FIXTURE.rows());
  }

  @Test
  void theApiFiltersOnHowPublishersAuthenticated() throws Exception {
    assertEquals(204, withCertificate(mapped).post("/relay-notification", "application/json", BODY).status());
    JsonNode page = JSON.readTree(FIXTURE.receiver().api("/api/notifications?auth-method=certificate&limit=1000").text());
    assertTrue(page.get("notifications").size() >= 1);
    page.get("notifications").forEach(n -> assertEquals("certificate", n.get("auth-method").asText()));
    JsonNode none = JSON.readTree(FIXTURE.receiver().api("/api/notifications?auth-method=address").text());
    assertEquals(0, none.get("notifications").size());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hnr-auth");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
