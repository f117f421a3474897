package org.httpsnotif.receiver.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.httpsnotif.receiver.decode.Extracted;
import org.httpsnotif.receiver.store.Notification;
import org.httpsnotif.receiver.store.NotificationCodec;
import org.httpsnotif.receiver.store.NotificationGroup;
import org.httpsnotif.receiver.store.PersistenceVerticle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the persistence verticle's address receives from a {@link Handover}, on a real event bus. */
class HandoverTest {

  private Vertx vertx;
  private Context context;
  private final List<List<String>> groups = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(NotificationGroup.class, new NotificationCodec());
    vertx.eventBus()
        .<NotificationGroup>localConsumer(PersistenceVerticle.ADDRESS, message -> {
          groups.add(message.body().notifications().stream().map(Notification::publisher).toList());
          if (failing) {
            message.fail(PersistenceVerticle.UNAVAILABLE, "storage is unavailable");
          } else {
            message.reply(null);
          }
        })
        .completion()
        .await();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void notificationsOfOneTurnGoInOneMessage() {
    List<AsyncResult<Void>> answers = addInOneTurn(500, "a", "b", "c");
    assertEquals(List.of(List.of("a", "b", "c")), groups);
    answers.forEach(answer -> assertTrue(answer.succeeded()));
  }

  @Test
  void aGroupHoldsAtMostItsLimit() {
    List<AsyncResult<Void>> answers = addInOneTurn(2, "a", "b", "c", "d", "e");
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), groups);
    assertEquals(5, answers.size());
  }

  @Test
  void laterTurnsSendTheirOwn() {
    Handover handover = onContext(() -> new Handover(vertx, context, 500));
    for (String name : List.of("a", "b")) {
      Promise<AsyncResult<Void>> answer = Promise.promise();
      context.runOnContext(v -> handover.add(notification(name), answer::complete));
      assertTrue(answer.future().await().succeeded());
    }
    assertEquals(List.of(List.of("a"), List.of("b")), groups);
  }

  @Test
  void aRefusedGroupFailsEveryNotificationInIt() {
    failing = true;
    List<AsyncResult<Void>> answers = addInOneTurn(500, "a", "b");
    assertEquals(1, groups.size());
    for (AsyncResult<Void> answer : answers) {
      assertTrue(answer.failed());
      assertEquals(PersistenceVerticle.UNAVAILABLE, ((ReplyException) answer.cause()).failureCode());
    }
  }

  /** Adds the named notifications in one task on the loop and waits for every answer. */
  private List<AsyncResult<Void>> addInOneTurn(int maxGroup, String... names) {
    List<Promise<AsyncResult<Void>>> answers = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      answers.add(Promise.promise());
    }
    context.runOnContext(v -> {
      Handover handover = new Handover(vertx, context, maxGroup);
      for (int i = 0; i < names.length; i++) {
        handover.add(notification(names[i]), answers.get(i)::complete);
      }
    });
    return answers.stream().map(p -> p.future().await()).toList();
  }

  private <T> T onContext(Callable<T> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        result.complete(action.call());
      } catch (Exception e) {
        result.fail(e);
      }
    });
    return result.future().await();
  }

  private static Notification notification(String publisher) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Extracted extracted = new Extracted("ietf-https-notif:notification", now, now.toString(),
        "ietf-yang-push:push-update", OptionalLong.empty(), Optional.empty(), OptionalLong.empty());
    return new Notification(now, extracted, publisher, "address", "127.0.0.1", "/", "json",
        "application/json", Buffer.buffer("{}"));
  }
}
