package org.httpsnotif.receiver.decode;

/**
 * Watches the bytes before the root element, ahead of the XML parser. It refuses a DOCTYPE the
 * moment its {@code <!D} arrives, so a DTD is never parsed (Aalto's async reader would fail on an
 * internal subset with a confusing message, or accept an external one), and it finds where the root
 * element's name ends: the place {@link XmlFeed} binds prefixes a publisher left unbound. Malformed
 * prologs are left to the parser to report.
 */
final class XmlProlog {

  private enum State {
    TEXT,
    LT,
    BANG,
    PI,
    COMMENT,
    ROOT_NAME,
    DONE
  }

  private State state = State.TEXT;
  private boolean question;
  private int dashes;
  private int rootNameEnd = -1;

  /** Scans {@code bytes[from, to)}, positions being offsets in the body. */
  void scan(byte[] bytes, int from, int to) throws DecodeException {
    for (int i = from; i < to && state != State.DONE; i++) {
      byte b = bytes[i];
      switch (state) {
        case TEXT -> {
          if (b == '<') {
            state = State.LT;
          }
        }
        case LT -> {
          if (b == '?') {
            state = State.PI;
            question = false;
          } else if (b == '!') {
            state = State.BANG;
          } else {
            state = State.ROOT_NAME;
          }
        }
        case BANG -> {
          if (b == 'D') {
            throw DecodeException.malformed("DTDs are not accepted (<!DOCTYPE>)");
          }
          if (b == '-') {
            state = State.COMMENT;
            dashes = 0;
          } else {
            state = State.DONE;
          }
        }
        case PI -> {
          if (b == '>' && question) {
            state = State.TEXT;
          }
          question = b == '?';
        }
        case COMMENT -> {
          if (b == '>' && dashes >= 2) {
            state = State.TEXT;
          }
          dashes = b == '-' ? dashes + 1 : 0;
        }
        case ROOT_NAME -> {
          if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/' || b == '>') {
            rootNameEnd = i;
            state = State.DONE;
          }
        }
        default -> throw new AssertionError(state);
      }
    }
  }

  /** Offset of the first byte after the root element's name, or -1 while not yet seen. */
  int rootNameEnd() {
    return rootNameEnd;
  }
}
