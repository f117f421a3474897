package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
 * How the persistence verticle batches, seen in PostgreSQL: a table lock held by the test keeps
 * the receiver's INSERTs waiting, so what is pending and how many INSERTs are under way can be
 * counted. Rows written by one INSERT share its transaction id ({@code xmin}).
 */
class GroupCommitTest {

  private static final byte[] BODY = Splits.read("devices/huawei-ne8000/push-update-small.json");
  private static final int PARALLEL_BATCH = PersistenceVerticle.PARALLEL_BATCH;

  private TestDatabase db;
  private TestReceiver receiver;
  private TestReceiver.Client client;
  private final List<Future<TestReceiver.Response>> answers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create();
    receiver = TestReceiver.start(db.database(), options -> options.dbConnections = 2);
    // One HTTP/2 connection carries every request at once.
    client = receiver.client(new HttpClientOptions().setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
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
    var database = db.database();
    try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE notification IN SHARE MODE");
      }

      send(1);
      awaitInsertsWaiting(1);
      // Fewer than PARALLEL_BATCH pending: they wait for the first batch, on the free connection too.
      send(PARALLEL_BATCH - 1);
      Thread.sleep(500);
      assertEquals(1, insertsWaiting(), "a batch of fewer than " + PARALLEL_BATCH + " went beside the first");
      send(1);
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
  void aLoneNotificationIsWrittenAtOnce() {
    send(1);
    assertEquals(204, answers.get(0).await().status());
    assertEquals(1, db.count("SELECT count(*) FROM notification"));
  }

  private void send(int n) {
    for (int i = 0; i < n; i++) {
      answers.add(client.postAsync("/relay-notification", "application/json", BODY, Map.of()));
    }
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
