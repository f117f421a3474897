package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.httpsnotif.receiver.auth.CredentialCommands;
import org.httpsnotif.receiver.auth.CredentialFile;
import org.httpsnotif.receiver.auth.PasswordHash;
import org.httpsnotif.receiver.config.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** Readers of the api listener need a bearer token or Basic credentials; health stays open. */
class ReaderAuthTest {

  private static String token;

  @RegisterExtension
  static final ReceiverExtension FIXTURE = new ReceiverExtension(ReaderAuthTest::configure);

  private static void configure(Options options) {
    try {
      Path dir = Files.createTempDirectory("hnr-readers");
      Path tokens = dir.resolve("tokens");
      // The add-token command prints the token once and stores only its digest.
      PrintStream out = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = new CommandLine(new CredentialCommands.AddToken()).execute("--file", tokens.toString(), "grafana");
      } finally {
        System.setOut(out);
      }
      assertEquals(0, status);
      token = printed.toString(StandardCharsets.UTF_8).trim();
      assertTrue(token.length() >= 40, token);
      assertTrue(!Files.readString(tokens).contains(token), "the token itself is not stored");
      Path users = dir.resolve("readers");
      CredentialFile.put(users, "alice", PasswordHash.hash("wonderland".toCharArray()));
      options.readerTokens = tokens;
      options.readerUsers = users;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestReceiver.Response get(Map<String, String> headers) {
    return FIXTURE.receiver().client(new HttpClientOptions()).api(HttpMethod.GET, "/api/notifications", headers);
  }

  @Test
  void aBearerTokenReads() {
    assertEquals(200, get(Map.of("Authorization", "Bearer " + token)).status());
  }

  @Test
  void basicCredentialsRead() {
    String basic = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, get(Map.of("Authorization", "Basic " + basic)).status());
  }

  @Test
  void anythingElseIs401WithBothChallenges() {
    String wrong = Base64.getEncoder().encodeToString("alice:queen".getBytes(StandardCharsets.UTF_8));
    for (Map<String, String> headers : new Map[] {Map.of(), Map.of("Authorization", "Bearer nope"),
        Map.of("Authorization", "Basic " + wrong)}) {
      TestReceiver.Response r = get(headers);
      assertEquals(401, r.status(), r.text());
      String challenge = r.headers().get("WWW-Authenticate");
      assertTrue(challenge.contains("Bearer realm=") && challenge.contains("Basic realm="), challenge);
    }
    assertEquals(401, FIXTURE.receiver().api("/api/notifications/1/payload").status());
  }

  @Test
  void healthNeedsNoCredentials() {
    assertEquals(200, FIXTURE.receiver().api("/health").status());
  }

  @Test
  void usersFilesHoldNoPlainPasswords() throws Exception {
    Path users = Files.createTempFile("hnr-users", "");
    CredentialFile.put(users, "bob", PasswordHash.hash("builder".toCharArray()));
    String line = Files.readString(users).strip();
    assertTrue(line.startsWith("bob:pbkdf2-sha256$600000$"), line);
    assertTrue(!line.contains("builder"));
    assertTrue(PasswordHash.verify("builder".toCharArray(), line.substring(4)));
    assertTrue(!PasswordHash.verify("Builder".toCharArray(), line.substring(4)));
  }
}
