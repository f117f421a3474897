package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.decode.Splits;
import org.httpsnotif.receiver.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When PostgreSQL cannot take a notification the publisher gets 503 with Retry-After and nothing
 * is acknowledged; every 204 is a row. The outage is real: the receiver talks to the database
 * through a proxy the test cuts and stalls.
 */
class StorageOutageTest {

  private static final byte[] BODY = Splits.read("devices/huawei-ne8000/push-update-small.json");
  private TestDatabase db;
  private TcpProxy proxy;
  private TestReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create();
    Database direct = db.database();
    proxy = new TcpProxy(direct.host(), direct.port());
    Database viaProxy = new Database("127.0.0.1", proxy.port(), direct.database(), direct.user(), direct.password());
    receiver =
        TestReceiver.start(
            viaProxy,
            options -> {
              options.dbConnections = 1;
              options.maxPending = 1;
              options.retryAfter = 7;
            });
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private long rows() {
    return db.count("SELECT count(*) FROM notification");
  }

  @Test
  void anUnreachableDatabaseGets503AndStoresNothing() {
    assertEquals(204, post().status());
    assertEquals(1, rows());

    proxy.cut();
    TestReceiver.Response refused = post();
    assertEquals(503, refused.status(), refused.text());
    assertEquals("7", refused.headers().get("Retry-After"));
    assertTrue(refused.text().contains("resource-denied"), refused.text());
    assertEquals(1, rows());

    proxy.restore();
    assertEquals(204, post().status());
    assertEquals(2, rows());
  }

  @Test
  void aFullQueueGets503AndEveryAcknowledgedNotificationIsStored() throws Exception {
    assertEquals(204, post().status());
    proxy.stall();
    // One batch stuck on the stalled connection, one waiting: the queue of one is then full. A
    // request may first meet the connection the stall closed, and get a 503 of its own.
    List<Future<TestReceiver.Response>> answers = new ArrayList<>();
    boolean queueFull = false;
    for (int i = 0; i < 20 && !queueFull; i++) {
      Future<TestReceiver.Response> answer = receiver.postAsync("/relay-notification", "application/json", BODY);
      answers.add(answer);
      Thread.sleep(100);
      if (answer.isComplete() && answer.result().status() == 503) {
        assertEquals("7", answer.result().headers().get("Retry-After"));
        queueFull = answer.result().text().contains("queue is full");
      }
    }
    assertTrue(queueFull, "a request was refused with a full queue while the database stalled");

    proxy.restore();
    int acknowledged = 1;
    for (Future<TestReceiver.Response> answer : answers) {
      int status = answer.await().status();
      assertTrue(status == 204 || status == 503, "status " + status);
      acknowledged += status == 204 ? 1 : 0;
    }
    assertTrue(acknowledged >= 2, "the held notifications were written once the database came back");
    assertEquals(acknowledged, rows());
  }

  private TestReceiver.Response post() {
    return receiver.post("/relay-notification", "application/json", BODY);
  }
}
