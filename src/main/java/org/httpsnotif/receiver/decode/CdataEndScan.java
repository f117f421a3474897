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

  /**
   * Scans {@code bytes[from, to)}, positions being offsets in the body; stops at the first find.
   * Text, tags and quoted values, nearly all of a body, skip ahead in tight loops to the few bytes
   * that change the state: a per-byte state switch cost as much as parsing the markup.
   */
  void scan(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && found < 0) {
      switch (state) {
        case TEXT -> {
          // run counts the ']' just before i; it survives a chunk boundary.
          while (i < to) {
            byte b = bytes[i];
            if (b == ']') {
              run++;
            } else if (b == '>' && run >= 2) {
              found = i - 2;
              break;
            } else if (b == '<') {
              run = 0;
              state = State.LT;
              i++;
              break;
            } else {
              run = 0;
            }
            i++;
          }
        }
        case TAG -> {
          while (i < to) {
            byte b = bytes[i++];
            if (b == '>') {
              state = State.TEXT;
              break;
            } else if (b == '"') {
              state = State.DOUBLE_QUOTED;
              break;
            } else if (b == '\'') {
              state = State.SINGLE_QUOTED;
              break;
            }
          }
        }
        case DOUBLE_QUOTED -> i = skipTo(bytes, i, to, (byte) '"');
        case SINGLE_QUOTED -> i = skipTo(bytes, i, to, (byte) '\'');
        default -> {
          step(bytes[i], i);
          i++;
        }
      }
    }
  }

  /** Past the closing quote of an attribute value, back in its tag; or to the end. */
  private int skipTo(byte[] bytes, int i, int to, byte quote) {
    while (i < to) {
      if (bytes[i++] == quote) {
        state = State.TAG;
        break;
      }
    }
    return i;
  }

  /** One byte in the rarer states: markup openings, comments, CDATA sections, PIs. */
  private void step(byte b, int i) {
    switch (state) {
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
      default -> throw new AssertionError(state + " at " + i);
    }
  }

  /** Offset of the first ']' of the first {@code ]]>} in text, or -1 while none is seen. */
  int found() {
    return found;
  }
}
