package org.httpsnotif.receiver.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Local-only codec: notifications never leave the process, so the record itself is passed. */
public final class NotificationCodec implements MessageCodec<Notification, Notification> {

  public static final String NAME = "notification";

  @Override
  public void encodeToWire(Buffer buffer, Notification notification) {
    throw new UnsupportedOperationException("notifications are only sent on the local event bus");
  }

  @Override
  public Notification decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("notifications are only sent on the local event bus");
  }

  @Override
  public Notification transform(Notification notification) {
    return notification;
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
