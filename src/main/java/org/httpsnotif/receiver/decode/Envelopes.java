package org.httpsnotif.receiver.decode;

import java.util.Map;
import java.util.Optional;

/**
 * The notification wrappers a receiver meets (protocol.md section 4) and the member names inside
 * them. Kinds are stored as given here, so they are part of the API.
 */
public final class Envelopes {

  public static final String HTTPS_NOTIF = "https-notif";
  public static final String RESTCONF = "restconf";
  public static final String NOTIFICATION = "notification";
  public static final String YP_ENVELOPE = "yp-envelope";
  public static final String YP_NOTIFICATION = "yp-notification";
  public static final String RFC5277 = "rfc5277";
  /** A CBOR body keyed by SIDs: the wrapper cannot be named without a SID file. */
  public static final String SID = "sid";

  public static final String NETCONF_NOTIFICATION_NS =
      "urn:ietf:params:xml:ns:netconf:notification:1.0";
  public static final String YP_NOTIFICATION_NS =
      "urn:ietf:params:xml:ns:yang:ietf-yp-notification";

  private static final Map<String, String> BY_QUALIFIED_NAME =
      Map.of(
          "ietf-https-notif:notification", HTTPS_NOTIF,
          "ietf-restconf:notification", RESTCONF,
          "ietf-notification:notification", NOTIFICATION,
          "ietf-yp-notification:envelope", YP_ENVELOPE,
          "ietf-yp-notification:notification", YP_NOTIFICATION);

  /** What a member directly inside a wrapper means, by its local name. */
  public enum Member {
    EVENT_TIME,
    HOSTNAME,
    SEQUENCE_NUMBER,
    /** The envelope's anydata holding the notification. */
    CONTENTS,
    /** Anything else: an object here is the notification, a scalar is ignored. */
    OTHER
  }

  private Envelopes() {}

  /** The wrapper kind for a module-qualified top-level name, as in JSON and CBOR name keys. */
  public static Optional<String> kindOf(String qualifiedName) {
    return Optional.ofNullable(BY_QUALIFIED_NAME.get(qualifiedName));
  }

  /** The wrapper kind for an XML root element, by namespace and local name. */
  public static Optional<String> kindOfXml(String namespace, String localName) {
    if (NETCONF_NOTIFICATION_NS.equals(namespace) && localName.equals("notification")) {
      return Optional.of(RFC5277);
    }
    if (YP_NOTIFICATION_NS.equals(namespace)) {
      return switch (localName) {
        case "envelope" -> Optional.of(YP_ENVELOPE);
        case "notification" -> Optional.of(YP_NOTIFICATION);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /**
   * Classifies a wrapper member. Qualified names count by their local part, because Huawei's
   * {@code ietf-notification-sequencing:sysName} is the same idea as the envelope's hostname.
   */
  public static Member member(String name) {
    String local = name.substring(name.lastIndexOf(':') + 1);
    return switch (local) {
      case "eventTime", "event-time" -> Member.EVENT_TIME;
      case "hostname", "sysName" -> Member.HOSTNAME;
      case "sequence-number", "sequenceNumber" -> Member.SEQUENCE_NUMBER;
      case "contents", "notification-contents" -> Member.CONTENTS;
      default -> Member.OTHER;
    };
  }

  /** Whether a notification of this type carries its RFC 8639 subscription as a top-level id. */
  public static boolean carriesSubscriptionId(String notificationType) {
    return notificationType.startsWith("ietf-subscribed-notifications:")
        || notificationType.startsWith("ietf-yang-push:");
  }
}
