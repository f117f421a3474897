package org.httpsnotif.receiver.decode;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Finds the envelope fields in the token events of a JSON or CBOR notification: the wrapper, its
 * event time, hostname and sequence number, the one notification inside it and its subscription
 * id. Everything deeper than the notification's own leaves is skipped without being materialised.
 *
 * <p>CBOR with SID keys (id=sid) cannot be named without the modules' SID files: the wrapper kind
 * is {@link Envelopes#SID}, the first date-and-time string directly inside it is the event time,
 * and the notification type is {@code sid:N} with N the absolute SID of the object member.
 */
public final class EnvelopeExtractor implements TokenHandler {

  /** The role of an open container. */
  private enum Frame {
    NONE,
    TOP,
    WRAPPER,
    CONTENTS,
    NOTIFICATION,
    SKIPPED
  }

  private final NotificationFields fields = new NotificationFields();
  private Frame[] frames = new Frame[16];
  private int depth;
  private boolean documentSeen;
  private DecodeException failure;

  // The member whose value comes next in the innermost object.
  private String memberName;
  private boolean memberIsSid;
  private long memberSid;
  private long wrapperSid;

  /** The first rule the document broke, or null; sources check it after each feed. */
  public DecodeException failure() {
    return failure;
  }

  /** The fields found, once the document has ended. */
  public Extracted result() throws DecodeException {
    if (failure != null) {
      throw failure;
    }
    return fields.build();
  }

  @Override
  public boolean wantsValue() {
    Frame frame = current();
    return frame == Frame.NONE
        || frame == Frame.TOP
        || frame == Frame.WRAPPER
        || (frame == Frame.NOTIFICATION && "id".equals(memberName));
  }

  @Override
  public void startObject() {
    if (failure != null) {
      return;
    }
    switch (current()) {
      case NONE -> {
        if (documentSeen) {
          fail(DecodeException.invalid("more than one notification in one body"));
          return;
        }
        documentSeen = true;
        push(Frame.TOP);
      }
      case TOP -> push(Frame.WRAPPER);
      case WRAPPER -> push(objectInWrapper());
      case CONTENTS -> {
        if (memberIsSid) {
          // A SID key here is a delta from a parent that has a name, not a SID: it names nothing.
          fail(DecodeException.invalid("the notification inside the envelope's contents has a SID"
              + " key, but the envelope is keyed by names"));
          push(Frame.SKIPPED);
          return;
        }
        notification(memberName);
        push(Frame.NOTIFICATION);
      }
      default -> push(Frame.SKIPPED);
    }
  }

  @Override
  public void endObject() {
    pop();
  }

  @Override
  public void startArray() {
    if (failure != null || misplacedScalar()) {
      return;
    }
    wrongTypeInWrapper();
    push(Frame.SKIPPED);
  }

  @Override
  public void endArray() {
    pop();
  }

  @Override
  public void fieldName(String name) {
    memberName = name;
    memberIsSid = false;
    if (failure != null || current() != Frame.TOP) {
      return;
    }
    if (fields.envelopeSeen()) {
      fail(DecodeException.invalid("more than one member at the top level: '" + name + "'"));
      return;
    }
    String kind = Envelopes.kindOf(name).orElse(null);
    if (kind == null) {
      fail(DecodeException.invalid("unknown notification envelope '" + name + "'"));
      return;
    }
    fields.envelope(kind);
  }

  @Override
  public void fieldId(long id) {
    memberName = null;
    memberIsSid = true;
    if (failure != null) {
      return;
    }
    switch (current()) {
      case TOP -> {
        if (fields.envelopeSeen()) {
          fail(DecodeException.invalid("more than one member at the top level: SID " + id));
          return;
        }
        fields.envelope(Envelopes.SID);
        wrapperSid = id;
      }
      // SID keys below the top are deltas from the enclosing member's SID (RFC 9254 3.2).
      case WRAPPER -> memberSid = wrapperSid + id;
      default -> {}
    }
  }

  @Override
  public void stringValue(String value) {
    if (failure != null || misplacedScalar()) {
      return;
    }
    if (current() == Frame.WRAPPER) {
      wrapperScalar(value, null);
    } else if (isSubscriptionId()) {
      subscriptionId(parseUnsigned(value));
    }
  }

  @Override
  public void longValue(long value) {
    if (failure != null || misplacedScalar()) {
      return;
    }
    if (current() == Frame.WRAPPER) {
      wrapperScalar(null, value);
    } else if (isSubscriptionId()) {
      subscriptionId(value);
    }
  }

  @Override
  public void bigIntegerValue(BigInteger value) {
    otherScalar();
  }

  @Override
  public void doubleValue(double value) {
    otherScalar();
  }

  @Override
  public void booleanValue(boolean value) {
    otherScalar();
  }

  @Override
  public void nullValue() {
    otherScalar();
  }

  @Override
  public void bytesValue(byte[] value) {
    otherScalar();
  }

  @Override
  public void tag(long tag) {
    // Tags do not change which member a value belongs to.
  }

  @Override
  public void simpleValue(int value) {
    otherScalar();
  }

  private Frame objectInWrapper() {
    if (memberIsSid) {
      notification("sid:" + memberSid);
      return Frame.NOTIFICATION;
    }
    return switch (Envelopes.member(memberName)) {
      case CONTENTS -> Frame.CONTENTS;
      case OTHER -> {
        notification(memberName);
        yield Frame.NOTIFICATION;
      }
      default -> {
        fail(DecodeException.invalid("'" + memberName + "' must not be an object"));
        yield Frame.SKIPPED;
      }
    };
  }

  private void notification(String type) {
    try {
      fields.notification(type);
    } catch (DecodeException e) {
      fail(e);
    }
  }

  private void wrapperScalar(String text, Long number) {
    if (memberIsSid) {
      // Without a SID file the event time is the first member that reads as a date-and-time.
      if (text != null && !fields.hasEventTime()) {
        try {
          fields.eventTime(text);
        } catch (DecodeException notATime) {
          // Some other string leaf of the envelope.
        }
      }
      return;
    }
    try {
      switch (Envelopes.member(memberName)) {
        case EVENT_TIME -> {
          if (text == null) {
            throw DecodeException.invalid("'" + memberName + "' must be a date-and-time string");
          }
          fields.eventTime(text);
        }
        case HOSTNAME -> {
          if (text == null) {
            throw DecodeException.invalid("'" + memberName + "' must be a string");
          }
          fields.hostname(text);
        }
        case SEQUENCE_NUMBER -> {
          long value = number != null ? number : parseUnsigned(text);
          if (value < 0) {
            throw DecodeException.invalid("'" + memberName + "' must not be negative");
          }
          fields.sequenceNumber(value);
        }
        case CONTENTS -> throw DecodeException.invalid("'" + memberName + "' must be an object");
        default -> {}
      }
    } catch (DecodeException e) {
      fail(e);
    }
  }

  /** Scalars and arrays have no place at the top or as the envelope; fails and says so. */
  private boolean misplacedScalar() {
    switch (current()) {
      case NONE -> fail(DecodeException.invalid(
          "the body must be one object holding a notification envelope"));
      case TOP -> fail(DecodeException.invalid("the notification envelope must be an object"));
      default -> {
        return false;
      }
    }
    return true;
  }

  private void otherScalar() {
    if (failure != null || misplacedScalar()) {
      return;
    }
    wrongTypeInWrapper();
  }

  /** Envelope leaves other than strings and integers are not what the models define. */
  private void wrongTypeInWrapper() {
    if (current() == Frame.WRAPPER
        && !memberIsSid
        && Envelopes.member(memberName) != Envelopes.Member.OTHER) {
      fail(DecodeException.invalid("'" + memberName + "' has the wrong type"));
    }
  }

  private boolean isSubscriptionId() {
    return current() == Frame.NOTIFICATION && "id".equals(memberName) && !memberIsSid;
  }

  private void subscriptionId(long id) {
    if (!Envelopes.carriesSubscriptionId(fields.notificationType())) {
      return;
    }
    if (id < 0) {
      fail(DecodeException.invalid("the subscription id must not be negative: " + id));
      return;
    }
    fields.subscriptionId(id);
  }

  private long parseUnsigned(String text) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail(DecodeException.invalid("'" + memberName + "' is not an unsigned integer: '" + text + "'"));
    return -1;
  }

  private Frame current() {
    return depth == 0 ? Frame.NONE : frames[depth - 1];
  }

  private void push(Frame frame) {
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    frames[depth++] = frame;
    memberName = null;
    memberIsSid = false;
  }

  private void pop() {
    if (depth > 0) {
      depth--;
    }
  }

  private void fail(DecodeException e) {
    if (failure == null) {
      failure = e;
    }
  }
}
