package org.httpsnotif.receiver.ingest;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import org.httpsnotif.receiver.store.Notification;
import org.httpsnotif.receiver.store.NotificationCodec;
import org.httpsnotif.receiver.store.NotificationGroup;
import org.httpsnotif.receiver.store.PersistenceVerticle;

/**
 * Hands an event loop's decoded notifications to the persistence verticle: those finished in the
 * same turn of the loop go in one event-bus message (a {@link NotificationGroup}), answered once
 * all are committed. A message per notification woke the persistence verticle's loop and set a
 * reply timer for each: about a tenth of the receiver's CPU time at full load.
 */
final class Handover {

  private static final DeliveryOptions DELIVERY =
      new DeliveryOptions().setCodecName(NotificationCodec.NAME).setSendTimeout(30_000);

  private final Vertx vertx;
  private final Context context;
  private final int maxGroup;
  private final List<Notification> outgoing = new ArrayList<>();
  private final List<Handler<AsyncResult<Void>>> answers = new ArrayList<>();

  /** For the event loop of {@code context}; a group holds at most {@code maxGroup}. */
  Handover(Vertx vertx, Context context, int maxGroup) {
    this.vertx = vertx;
    this.context = context;
    this.maxGroup = maxGroup;
  }

  /** Queues a notification; {@code answer} learns whether it was committed. On the loop only. */
  void add(Notification notification, Handler<AsyncResult<Void>> answer) {
    if (outgoing.isEmpty()) {
      // Runs after the turn's other ready connections have been read: their bodies join the group.
      context.runOnContext(v -> send());
    }
    outgoing.add(notification);
    answers.add(answer);
    if (outgoing.size() >= maxGroup) {
      send();
    }
  }

  private void send() {
    if (outgoing.isEmpty()) {
      return;
    }
    NotificationGroup group = new NotificationGroup(outgoing);
    List<Handler<AsyncResult<Void>>> waiting = List.copyOf(answers);
    outgoing.clear();
    answers.clear();
    vertx
        .eventBus()
        .<Void>request(PersistenceVerticle.ADDRESS, group, DELIVERY)
        .<Void>mapEmpty()
        .onComplete(stored -> waiting.forEach(answer -> answer.handle(stored)));
  }
}
