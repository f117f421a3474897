package org.httpsnotif.receiver.decode;

/**
 * Finds a {@code ]]>} in character data, which XML forbids, ahead of the XML parser. Aalto's async
 * reader misses it where a text event or an input begins at or inside it, so the same body would
 * pass or fail depending on how it was split. This scanner knows only enough markup to tell text
 * from tags, attribute values, comments, processing instructions and CDATA sections, where the
 * three bytes are allowed; malformed markup it misreads is refused by the parser anyway.
 */
final class CdataEndScan {

  private enum State {
    TEXT,
    LT,
    BANG,
    BANG_DASH,
    COMMENT,
    CDATA,
    PI,
    TAG,
    DOUBLE_QUOTED,
    SINGLE_QUOTED
  }

  private State state = State.TEXT;
  // ']' in a row in text or CDATA, '-' in a row in a comment; in a PI, 1 after a '?'.
  private int run;
  private int found = -1;

  /** Scans {@code bytes[from, to)}, positions being offsets in the body; stops at the first find. */
  void scan(byte[] bytes, int from, int to) {
    for (int i = from; i < to && found < 0; i++) {
      byte b = bytes[i];
      switch (state) {
        case TEXT -> {
          if (b == '>' && run >= 2) {
            found = i - 2;
          } else if (b == '<') {
            state = State.LT;
          }
          run = b == ']' ? run + 1 : 0;
        }
        case LT -> state = b == '!' ? State.BANG : b == '?' ? State.PI : State.TAG;
        case BANG -> state = b == '-' ? State.BANG_DASH : b == '[' ? State.CDATA : State.TAG;
        case BANG_DASH -> state = b == '-' ? State.COMMENT : State.TAG;
        case COMMENT -> {
          if (b == '>' && run >= 2) {
            state = State.TEXT;
          }
          run = b == '-' ? run + 1 : 0;
        }
        case CDATA -> {
          if (b == '>' && run >= 2) {
            state = State.TEXT;
          }
          run = b == ']' ? run + 1 : 0;
        }
        case PI -> {
          if (b == '>' && run > 0) {
            state = State.TEXT;
          }
          run = b == '?' ? 1 : 0;
        }
        case TAG -> {
          if (b == '"') {
            state = State.DOUBLE_QUOTED;
          } else if (b == '\'') {
            state = State.SINGLE_QUOTED;
          } else if (b == '>') {
            state = State.TEXT;
          }
        }
        case DOUBLE_QUOTED -> state = b == '"' ? State.TAG : state;
        case SINGLE_QUOTED -> state = b == '\'' ? State.TAG : state;
        default -> throw new AssertionError(state);
      }
    }
  }

  /** Offset of the first ']' of the first {@code ]]>} in text, or -1 while none is seen. */
  int found() {
    return found;
  }
}
