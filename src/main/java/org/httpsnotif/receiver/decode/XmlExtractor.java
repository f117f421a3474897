package org.httpsnotif.receiver.decode;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the envelope fields in the events of an XML notification, with the rules the JSON and CBOR
 * extractor applies to members.
 *
 * <ul>
 *   <li>The root element is the wrapper ({@link XmlBodyDecoder#envelopeKind}).
 *   <li>Its children count by local name ({@link Envelopes#member}): event time, hostname and
 *       sequence number are text; the children of contents are candidates, as is any other child.
 *   <li>A candidate with child elements is the notification, as an object is in JSON; one with text
 *       only is a leaf and ignored, as a scalar is in JSON. An empty candidate ({@code
 *       <system-restart/>}) is the notification only if nothing else is.
 *   <li>The type is {@code module:local} with the module from the namespace ({@link
 *       XmlBodyDecoder#moduleOf}); the bare local name when the namespace is the wrapper's own (RFC
 *       5277 {@code <event>}) or none.
 *   <li>The subscription id is the text of the notification's child {@code id}, for the types
 *       {@link Envelopes#carriesSubscriptionId} names.
 * </ul>
 *
 * Only those texts are collected; everything deeper is passed over without building strings.
 */
final class XmlExtractor implements XmlFeed.Handler {

  /** The text being collected, if any. */
  private enum Keep {
    NONE,
    EVENT_TIME,
    HOSTNAME,
    SEQUENCE_NUMBER,
    SUBSCRIPTION_ID
  }

  private final int maxText;
  private final NotificationFields fields = new NotificationFields();
  private String wrapperNamespace;
  private boolean inContents;
  private boolean notificationFound;
  private String firstEmpty;

  // The open element that may be the notification; depth 0 when none.
  private int candidateDepth;
  private String candidateType;
  private boolean candidateHasText;
  private boolean confirmed;
  private boolean carriesId;

  private Keep keep = Keep.NONE;
  private int keepDepth;
  private String keepName;
  private final StringBuilder text = new StringBuilder();
  private boolean textTooLong;

  XmlExtractor(int maxText) {
    this.maxText = maxText;
  }

  Extracted result() throws DecodeException {
    return fields.build();
  }

  @Override
  public void event(int type, XMLStreamReader reader, int depth) throws DecodeException {
    switch (type) {
      case XMLStreamConstants.START_ELEMENT -> start(reader, depth);
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
          text(reader, depth);
      case XMLStreamConstants.END_ELEMENT -> end(depth);
      default -> {}
    }
  }

  private void start(XMLStreamReader reader, int depth) throws DecodeException {
    if (keep != Keep.NONE) {
      throw DecodeException.invalid("'" + keepName + "' must hold text, not elements");
    }
    if (depth == 1) {
      envelope(reader);
    } else if (depth == 2) {
      String name = reader.getLocalName();
      switch (Envelopes.member(name)) {
        case EVENT_TIME -> keep(Keep.EVENT_TIME, name, depth);
        case HOSTNAME -> keep(Keep.HOSTNAME, name, depth);
        case SEQUENCE_NUMBER -> keep(Keep.SEQUENCE_NUMBER, name, depth);
        case CONTENTS -> inContents = true;
        case OTHER -> candidate(reader, depth);
      }
    } else if (depth == 3 && inContents) {
      candidate(reader, depth);
    } else if (depth == candidateDepth + 1) {
      if (!confirmed) {
        fields.notification(candidateType);
        notificationFound = true;
        confirmed = true;
        carriesId = Envelopes.carriesSubscriptionId(candidateType);
      }
      if (carriesId && reader.getLocalName().equals("id")) {
        keep(Keep.SUBSCRIPTION_ID, "id", depth);
      }
    }
  }

  private void envelope(XMLStreamReader reader) throws DecodeException {
    String namespace = reader.getNamespaceURI();
    String local = reader.getLocalName();
    String kind = XmlBodyDecoder.envelopeKind(namespace, local).orElse(null);
    if (kind == null) {
      throw DecodeException.invalid(
          "unknown notification envelope <"
              + XmlBodyDecoder.describe(namespace, reader.getPrefix(), local)
              + ">");
    }
    fields.envelope(kind);
    wrapperNamespace = namespace == null ? "" : namespace;
  }

  private void candidate(XMLStreamReader reader, int depth) {
    candidateDepth = depth;
    candidateType = type(reader);
    candidateHasText = false;
    confirmed = false;
    carriesId = false;
  }

  private String type(XMLStreamReader reader) {
    String namespace = reader.getNamespaceURI();
    String local = reader.getLocalName();
    if (namespace == null || namespace.isEmpty() || namespace.equals(wrapperNamespace)) {
      return local;
    }
    return XmlBodyDecoder.moduleOf(namespace) + ":" + local;
  }

  private void keep(Keep what, String name, int depth) {
    keep = what;
    keepName = name;
    keepDepth = depth;
    text.setLength(0);
    textTooLong = false;
  }

  private void text(XMLStreamReader reader, int depth) throws DecodeException {
    if (keep != Keep.NONE && depth == keepDepth) {
      int length = reader.getTextLength();
      if (textTooLong || text.length() + length > maxText) {
        textTooLong = true;
      } else {
        text.append(reader.getTextCharacters(), reader.getTextStart(), length);
      }
    } else if (depth == candidateDepth && !confirmed && !candidateHasText) {
      candidateHasText = !isWhitespace(reader);
    }
  }

  private static boolean isWhitespace(XMLStreamReader reader) {
    char[] chars = reader.getTextCharacters();
    for (int i = reader.getTextStart(), end = i + reader.getTextLength(); i < end; i++) {
      if (chars[i] > ' ') {
        return false;
      }
    }
    return true;
  }

  private void end(int depth) throws DecodeException {
    if (keep != Keep.NONE && depth == keepDepth) {
      // Refused at its end, not where the limit is passed: the reader hands text over in pieces
      // that depend on the chunks, and a fault inside the text must win however they fall.
      if (textTooLong) {
        throw new DecodeException(
            DecodeException.Tag.TOO_BIG,
            "'" + keepName + "' is longer than " + maxText + " characters");
      }
      kept(text.toString().trim());
      keep = Keep.NONE;
    }
    if (depth == candidateDepth) {
      if (!confirmed && !candidateHasText && firstEmpty == null) {
        firstEmpty = candidateType;
      }
      candidateDepth = 0;
    }
    if (depth == 2) {
      inContents = false;
    } else if (depth == 1 && !notificationFound && firstEmpty != null) {
      fields.notification(firstEmpty);
    }
  }

  private void kept(String value) throws DecodeException {
    switch (keep) {
      case EVENT_TIME -> fields.eventTime(value);
      case HOSTNAME -> fields.hostname(value);
      case SEQUENCE_NUMBER -> fields.sequenceNumber(unsigned(value));
      case SUBSCRIPTION_ID -> fields.subscriptionId(unsigned(value));
      default -> throw new AssertionError(keep);
    }
  }

  private long unsigned(String value) throws DecodeException {
    try {
      long number = Long.parseLong(value);
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DecodeException.invalid("'" + keepName + "' is not an unsigned integer: '" + value + "'");
  }
}
