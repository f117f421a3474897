package org.httpsnotif.receiver.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a {@code ]]>} in character data, which XML forbids, ahead of the XML parser. Aalto's async
 * reader misses it where a text event or an input begins at or inside it, so the same body would
 * pass or fail depending on how it was split. This scanner knows only enough markup to tell text
 * from tags, attribute values, comments, processing instructions and CDATA sections, where the
 * three bytes are allowed; malformed markup it misreads is refused by the parser anyway.
 *
 * <p>Nearly no body holds a {@code ]]>} at all, so the markup is only followed once one appears:
 * until then a scan just looks for the three bytes, eight at a time. Following the markup through
 * every byte of every body was 6 % of the receiver's CPU time with XML bodies.
 */
final class CdataEndScan {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long BRACKETS = 0x5D5D5D5D5D5D5D5DL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

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
  // The markup is followed up to here; beyond it no ]]> has been seen yet.
  private int followed;

  /**
   * Scans {@code body[from, to)}, the bytes that just arrived after those of the last scan; stops
   * at the first find. {@code body} holds the whole body from its first byte, positions being
   * offsets in it: the markup is followed from where it was left, which may be before {@code from}.
   */
  void scan(byte[] body, int from, int to) {
    if (found >= 0) {
      return;
    }
    // A ]]> split across arrivals starts at most two bytes before them.
    if (indexOfCdataEnd(body, Math.max(0, from - 2), to) >= 0) {
      follow(body, followed, to);
      followed = to;
    }
  }

  /** Offset of the first ]]> lying wholly in {@code bytes[from, to)}, or -1. */
  static int indexOfCdataEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(bytes, i) ^ BRACKETS;
      // Non-zero when one of the eight bytes is a ']' (x has a zero byte there).
      if (((x - ONES) & ~x & HIGHS) != 0) {
        for (int j = i; j < i + 8; j++) {
          if (isCdataEnd(bytes, j, to)) {
            return j;
          }
        }
      }
    }
    for (; i < to; i++) {
      if (isCdataEnd(bytes, i, to)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isCdataEnd(byte[] bytes, int i, int to) {
    return bytes[i] == ']' && i + 2 < to && bytes[i + 1] == ']' && bytes[i + 2] == '>';
  }

  /**
   * Follows the markup through {@code bytes[from, to)}. Text, tags and quoted values, nearly all
   * of a body, skip ahead in tight loops to the few bytes that change the state.
   */
  private void follow(byte[] bytes, int from, int to) {
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
