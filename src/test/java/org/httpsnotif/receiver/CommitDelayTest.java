package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.httpsnotif.receiver.decode.Splits;
import org.httpsnotif.receiver.store.PersistenceVerticle;
import org.httpsnotif.receiver.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit delay (--commit-delay), seen in PostgreSQL: rows written by one INSERT share its
 * transaction id ({@code xmin}). Each test sets a delay far longer than a commit takes, so what
 * waited for it and what did not is plain.
 */
class CommitDelayTest {

  private static final byte[] BODY = Splits.read("devices/huawei-ne8000/push-update-small.json");

  private TestDatabase db;
  private TestReceiver receiver;
  private TestReceiver.Client client;

  @BeforeEach
  void database() {
    db = TestDatabase.create();
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void whileBatchesFollowEachOtherTheNextWaitsForMore() throws Exception {
    start(Duration.ofSeconds(1));
    assertEquals(204, send(1).get(0).await().status());
    // Committed just now, so the receiver is busy: these two wait for each other.
    List<Future<TestReceiver.Response>> answers = send(1);
    Thread.sleep(300);
    answers.addAll(send(1));
    answers.forEach(answer -> assertEquals(204, answer.await().status()));
    assertEquals(3, db.count("SELECT count(*) FROM notification"));
    assertEquals(2, db.count("SELECT count(DISTINCT xmin::text) FROM notification"));
  }

  @Test
  void aLoneNotificationDoesNotWait() throws Exception {
    start(Duration.ofSeconds(1));
    assertEquals(204, send(1).get(0).await().status());
    // Quiet for longer than the delay: the receiver is idle again.
    Thread.sleep(1500);
    long started = System.nanoTime();
    assertEquals(204, send(1).get(0).await().status());
    assertTrue(
        System.nanoTime() - started < Duration.ofMillis(500).toNanos(),
        "an idle receiver held a lone notification for the commit delay");
    assertEquals(2, db.count("SELECT count(DISTINCT xmin::text) FROM notification"));
  }

  @Test
  void enoughForABatchOfTheirOwnDoNotWait() throws Exception {
    start(Duration.ofSeconds(1));
    assertEquals(204, send(1).get(0).await().status());
    long started = System.nanoTime();
    send(PersistenceVerticle.PARALLEL_BATCH).forEach(answer -> assertEquals(204, answer.await().status()));
    assertTrue(
        System.nanoTime() - started < Duration.ofMillis(500).toNanos(),
        PersistenceVerticle.PARALLEL_BATCH + " pending waited for the commit delay");
    assertEquals(1 + PersistenceVerticle.PARALLEL_BATCH, db.count("SELECT count(*) FROM notification"));
  }

  @Test
  void stoppingWritesWhatWaitsAtOnce() throws Exception {
    start(Duration.ofSeconds(1));
    assertEquals(204, send(1).get(0).await().status());
    send(3);
    // Three tiny bodies over loopback are read well within this; they then wait for the delay.
    Thread.sleep(100);
    assertEquals(1, db.count("SELECT count(*) FROM notification"));
    long started = System.nanoTime();
    receiver.stopReceiver();
    assertTrue(
        System.nanoTime() - started < Duration.ofMillis(600).toNanos(),
        "stopping waited for the commit delay");
    // Written, though closing the listener may cut their answers: a publisher then sends them again.
    assertEquals(4, db.count("SELECT count(*) FROM notification"));
  }

  @Test
  void aDelayOverASecondIsRefused() {
    var e =
        assertThrows(
            Receiver.StartupException.class,
            () -> TestReceiver.start(db.database(), options -> options.commitDelay = 1_000_001));
    assertEquals("--commit-delay must be 0 to 1000000 microseconds, not 1000001", e.getMessage());
  }

  private void start(Duration commitDelay) throws Exception {
    receiver = TestReceiver.start(db.database(), options -> options.commitDelay = commitDelay.toNanos() / 1000);
    // One HTTP/2 connection carries every request at once.
    client = receiver.client(new HttpClientOptions().setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
  }

  private List<Future<TestReceiver.Response>> send(int n) {
    List<Future<TestReceiver.Response>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      answers.add(client.postAsync("/relay-notification", "application/json", BODY, Map.of()));
    }
    return answers;
  }
}
