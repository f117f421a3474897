package org.httpsnotif.receiver.store;

import java.util.List;

/**
 * The notifications one HTTP event loop finished decoding in one turn, handed to the persistence
 * verticle in one event-bus message and answered in one reply once all of them are committed.
 * One message per notification woke the persistence verticle's event loop and set a reply timer
 * for each; a turn usually finishes several bodies.
 */
public final class NotificationGroup {

  private final List<Notification> notifications;
  // Counted once: the persistence verticle needs it when the group arrives and when it leaves.
  private final long bytes;

  public NotificationGroup(List<Notification> notifications) {
    this.notifications = List.copyOf(notifications);
    long sum = 0;
    for (Notification notification : this.notifications) {
      sum += notification.payload().length();
    }
    this.bytes = sum;
  }

  public List<Notification> notifications() {
    return notifications;
  }

  public int size() {
    return notifications.size();
  }

  /** Payload bytes of the group. */
  public long bytes() {
    return bytes;
  }
}
