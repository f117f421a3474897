package org.httpsnotif.receiver.store;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Benchmarks only ({@code --discard}): stands in for the {@link PersistenceVerticle} and
 * acknowledges every notification at once without storing it, so a run measures TLS, HTTP and
 * decoding without PostgreSQL.
 */
public final class DiscardVerticle extends VerticleBase {

  private MessageConsumer<NotificationGroup> consumer;

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().<NotificationGroup>localConsumer(PersistenceVerticle.ADDRESS, m -> m.reply(null));
    return consumer.completion();
  }
}
