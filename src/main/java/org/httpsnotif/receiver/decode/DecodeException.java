package org.httpsnotif.receiver.decode;

/** A body that cannot be accepted: malformed, truncated, over a limit, or not a notification. */
public final class DecodeException extends Exception {

  /** RFC 8040 error-tag values the HTTP layer maps to a status. */
  public enum Tag {
    MALFORMED_MESSAGE("malformed-message"),
    INVALID_VALUE("invalid-value"),
    TOO_BIG("too-big");

    public final String text;

    Tag(String text) {
      this.text = text;
    }
  }

  private final Tag tag;

  public DecodeException(Tag tag, String message) {
    super(message, null, false, false);
    this.tag = tag;
  }

  public static DecodeException malformed(String message) {
    return new DecodeException(Tag.MALFORMED_MESSAGE, message);
  }

  public static DecodeException invalid(String message) {
    return new DecodeException(Tag.INVALID_VALUE, message);
  }

  public Tag tag() {
    return tag;
  }
}
