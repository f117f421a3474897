package org.httpsnotif.receiver.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Local-only codec: notifications never leave the process, so the record itself is passed. */
public final class NotificationCodec implements MessageCodec<NotificationGroup, NotificationGroup> {

  public static final String NAME = "notification";

  @Override
  public void encodeToWire(Buffer buffer, NotificationGroup group) {
    throw new UnsupportedOperationException("notifications are only sent on the local event bus");
  }

  @Override
  public NotificationGroup decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("notifications are only sent on the local event bus");
  }

  @Override
  public NotificationGroup transform(NotificationGroup group) {
    return group;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
