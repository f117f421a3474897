package org.httpsnotif.receiver.store;

import java.util.List;

/**
 * The notifications one HTTP event loop finished decoding in one turn, handed to the persistence
 * verticle in one event-bus message and answered in one reply once all of them are committed.
 * One message per notification woke the persistence verticle's event loop and set a reply timer
 * for each; a turn usually finishes several bodies.
 */
public record NotificationGroup(List<Notification> notifications) {

  public NotificationGroup {
    notifications = List.copyOf(notifications);
  }

  public int size() {
    return notifications.size();
  }

  /** Payload bytes of the group. */
  public long bytes() {
    long bytes = 0;
    for (Notification notification : notifications) {
      bytes += notification.payload().length();
    }
    return bytes;
  }
}
