package org.httpsnotif.receiver.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.httpsnotif.receiver.ReceiverExtension;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish command against a real receiver and database: what it counts is what the receiver
 * answered and stored, and its exit status says whether every request got a 2xx. Counts only, no
 * timing.
 */
class PublishCommandTest {

  @RegisterExtension static final ReceiverExtension FIXTURE = new ReceiverExtension();

  private static final Path JSON = Splits.SAMPLES.resolve("reference/data-compact-2025-03.json");
  private static final Path XML = Splits.SAMPLES.resolve("reference/data.xml");
  private static final Path CBOR = Splits.SAMPLES.resolve("reference/data.cbor");
  /** A truncated body the receiver answers 400. */
  private static final Path MALFORMED = Splits.SAMPLES.resolve("reference/negative-from-lua/malformed.json");

  @TempDir Path dir;

  /** What one run of the command left behind. */
  private record Run(int exit, JsonNode summary, long rowsAdded, String err) {
    long get(String field) {
      return summary.get(field).asLong();
    }

    Map<String, Long> statuses() {
      Map<String, Long> statuses = new TreeMap<>();
      summary.get("statuses").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
      return statuses;
    }
  }

  private Run publish(String... args) throws IOException {
    Path json = dir.resolve("summary-" + System.nanoTime() + ".json");
    List<String> all = new ArrayList<>(List.of("-k", "-u", "https://127.0.0.1:" + FIXTURE.receiver().options.ingestPort + "/",
        "--json", json.toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long before = FIXTURE.rows();
    int exit = PublishCommand.commandLine(new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all.toArray(String[]::new));
    long added = FIXTURE.rows() - before;
    String errText = err.toString(StandardCharsets.UTF_8);
    JsonNode summary = json.toFile().exists() ? new ObjectMapper().readTree(json.toFile()) : null;
    return new Run(exit, summary, added, errText);
  }

  @Test
  void aSeriesRunsEachLineAndAnswersItsExitStatus() throws IOException {
    String url = "https://127.0.0.1:" + FIXTURE.receiver().options.ingestPort + "/";
    Path first = dir.resolve("first.log");
    Path second = dir.resolve("second.log");
    Path summary = dir.resolve("second.json");
    String lines = String.join("\t", first.toString(), "-k", "-u", url, "-c", "0") + "\n"
        + String.join("\t", second.toString(), "-k", "-u", url, "-c", "2", "-n", "20", "--json",
            summary.toString(), JSON.toString()) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long before = FIXTURE.rows();

    int exit = PublishCommand.series(new BufferedReader(new StringReader(lines)),
        new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(0, exit);
    assertEquals("exit 2\nexit 0\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    assertTrue(Files.readString(first).contains("--connections must be at least 1"), Files.readString(first));
    assertEquals(20, new ObjectMapper().readTree(summary.toFile()).get("acknowledged").asLong());
    assertEquals(20, FIXTURE.rows() - before);
  }

  @Test
  void countsEveryAnswerAndTheReceiverStoredExactlyWhatWasAcknowledged() throws IOException {
    Run run = publish("-c", "4", "-n", "300", JSON.toString(), XML.toString(), CBOR.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.summary().get("ok").asBoolean());
    assertEquals(300, run.get("sent"));
    assertEquals(300, run.get("answered"));
    assertEquals(Map.of("204", 300L), run.statuses());
    assertEquals(300, run.get("acknowledged"));
    assertEquals(run.get("acknowledged"), run.rowsAdded());
    assertEquals(300, run.summary().get("measured").get("requests").asLong());
    assertEquals(300, run.summary().get("measured").get("latency_ms").get("count").asLong());
  }

  @Test
  void exitsOneAndCountsEachStatusWhenTheReceiverRefusesSome() throws IOException {
    // The two files alternate: every other request is refused.
    Run run = publish("-c", "1", "-n", "40", JSON.toString(), MALFORMED.toString());

    assertEquals(1, run.exit(), run.err());
    assertEquals(false, run.summary().get("ok").asBoolean());
    assertEquals(Map.of("204", 20L, "400", 20L), run.statuses());
    assertEquals(40, run.get("answered"));
    assertEquals(20, run.get("acknowledged"));
    assertEquals(20, run.rowsAdded());
    assertTrue(run.err().startsWith("FAILED") || run.err().contains("\nFAILED"), run.err());
    assertTrue(run.summary().get("failures").get(0).asText().startsWith("malformed.json: 400"), run.summary().toString());
  }

  @Test
  void exitsOneWhenTheReceiverRefusesTheMediaType() throws IOException {
    Run run = publish("-c", "2", "-n", "10", "--content-type", "text/plain", JSON.toString());

    assertEquals(1, run.exit(), run.err());
    assertEquals(Map.of("415", 10L), run.statuses());
    assertEquals(0, run.get("acknowledged"));
    assertEquals(0, run.rowsAdded());
  }

  @Test
  void exitsOneAndCountsTheErrorsWhenNobodyAnswers() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Path json = dir.resolve("unreachable.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = PublishCommand.commandLine(new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute("-k", "--no-discovery", "-u", "https://127.0.0.1:" + closed + "/", "-n", "3",
            "--json", json.toString(), JSON.toString());
    JsonNode summary = new ObjectMapper().readTree(json.toFile());

    assertEquals(1, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals(3, summary.get("sent").asLong());
    assertEquals(3, summary.get("answered").asLong());
    assertEquals(0, summary.get("acknowledged").asLong());
    assertEquals(0, summary.get("statuses").size());
    long errors = 0;
    for (JsonNode n : summary.get("errors")) {
      errors += n.asLong();
    }
    assertEquals(3, errors, summary.get("errors").toString());
  }

  @Test
  void theCountBoundsWhatIsSentAfterTheWarmUp() throws IOException {
    Run run = publish("-c", "5", "-n", "37", "--warmup", "300ms", CBOR.toString());

    assertEquals(0, run.exit(), run.err());
    // Exactly the count in the measured part; the warm-up's requests come on top, all stored too.
    assertEquals(37, run.summary().get("measured").get("requests").asLong());
    assertTrue(run.get("sent") >= 37, run.summary().toString());
    assertEquals(run.get("sent"), run.get("acknowledged"));
    assertEquals(run.get("acknowledged"), run.rowsAdded());
  }

  @Test
  void atARateSendsNoMoreThanTheScheduleAllows() throws IOException {
    // 100/s for 2 s with 2 event loops: requests are due at start + i / rate, so at most 200 (plus
    // one per event loop for rounding) can fall inside the duration, however fast the receiver is.
    Run run = publish("-c", "20", "--threads", "2", "-r", "100", "-d", "2s", XML.toString());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.get("sent") <= 202, "sent " + run.get("sent"));
    // Flat out the same receiver takes thousands in 2 s; the schedule keeps the publisher near 200.
    assertTrue(run.get("sent") >= 100, "sent " + run.get("sent"));
    assertEquals(run.get("sent"), run.get("acknowledged"));
    assertEquals(run.get("acknowledged"), run.rowsAdded());
  }
}
