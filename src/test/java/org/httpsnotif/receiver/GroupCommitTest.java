package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.decode.Splits;
import org.httpsnotif.receiver.store.PersistenceVerticle;
import org.httpsnotif.receiver.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the persistence verticle batches, seen in PostgreSQL: rows written by one INSERT share its
 * transaction id ({@code xmin}). A table lock held by the test keeps the receiver's INSERTs
 * waiting, so what is pending and how many INSERTs are under way can be counted. The commit delay
 * (--commit-delay) tests set a delay far longer than a commit takes, so what waited for it and what
 * did not is plain.
 */
class GroupCommitTest {

  private static final byte[] BODY = Splits.read("devices/huawei-ne8000/push-update-small.json");
  private static final int PARALLEL_BATCH = PersistenceVerticle.PARALLEL_BATCH;
  private static final Consumer<Options> TWO_CONNECTIONS = options -> options.dbConnections = 2;
  private static final Consumer<Options> ONE_SECOND_DELAY = options -> options.commitDelay = 1_000_000;

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
  void aSecondBatchStartsBesideTheFirstOnlyOnceEnoughIsPending() throws Exception {
    start(TWO_CONNECTIONS);
    List<Future<TestReceiver.Response>> answers = new ArrayList<>();
    var database = db.database();
    try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE notification IN SHARE MODE");
      }

      answers.addAll(send(1));
      awaitInsertsWaiting(1);
      // Fewer than PARALLEL_BATCH pending: they wait for the first batch, on the free connection too.
      answers.addAll(send(PARALLEL_BATCH - 1));
      Thread.sleep(500);
      assertEquals(1, insertsWaiting(), "a batch of fewer than " + PARALLEL_BATCH + " went beside the first");
      answers.addAll(send(1));
      awaitInsertsWaiting(2);

      lock.commit();
    }
    for (Future<TestReceiver.Response> answer : answers) {
      assertEquals(204, answer.await().status());
    }
    assertEquals(1 + PARALLEL_BATCH, db.count("SELECT count(*) FROM notification"));
    // The lone first one, and the PARALLEL_BATCH that went beside it as one.
    assertEquals(2, db.count("SELECT count(DISTINCT xmin::text) FROM notification"));
    assertEquals(
        PARALLEL_BATCH,
        db.count("SELECT max(n) FROM (SELECT count(*) AS n FROM notification GROUP BY xmin::text) AS b"));
  }

  @Test
  void aLoneNotificationIsWrittenAtOnce() throws Exception {
    start(TWO_CONNECTIONS);
    assertEquals(204, send(1).get(0).await().status());
    assertEquals(1, db.count("SELECT count(*) FROM notification"));
  }

  @Test
  void whileBatchesFollowEachOtherTheNextWaitsForMore() throws Exception {
    start(ONE_SECOND_DELAY);
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
  void aLoneNotificationDoesNotWaitForTheCommitDelay() throws Exception {
    start(ONE_SECOND_DELAY);
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
  void enoughForABatchOfTheirOwnDoNotWaitForTheCommitDelay() throws Exception {
    start(ONE_SECOND_DELAY);
    assertEquals(204, send(1).get(0).await().status());
    long started = System.nanoTime();
    send(PARALLEL_BATCH).forEach(answer -> assertEquals(204, answer.await().status()));
    assertTrue(
        System.nanoTime() - started < Duration.ofMillis(500).toNanos(),
        PARALLEL_BATCH + " pending waited for the commit delay");
    assertEquals(1 + PARALLEL_BATCH, db.count("SELECT count(*) FROM notification"));
  }

  @Test
  void stoppingWritesWhatWaitsForTheCommitDelayAtOnce() throws Exception {
    start(ONE_SECOND_DELAY);
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
  void aCommitDelayOverASecondIsRefused() {
    var e =
        assertThrows(
            Receiver.StartupException.class,
            () -> TestReceiver.start(db.database(), options -> options.commitDelay = 1_000_001));
    assertEquals("--commit-delay must be 0 to 1000000 microseconds, not 1000001", e.getMessage());
  }

  private void start(Consumer<Options> customiser) throws Exception {
    receiver = TestReceiver.start(db.database(), customiser);
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

  private long insertsWaiting() {
    return db.count(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO notification%'");
  }

  private void awaitInsertsWaiting(long n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (insertsWaiting() != n) {
      if (System.nanoTime() > deadline) {
        assertEquals(n, insertsWaiting(), "INSERTs waiting on the lock");
      }
      Thread.sleep(20);
    }
  }
}
