package org.httpsnotif.receiver.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Watches the bytes before the root element, ahead of the XML parser. It refuses a DOCTYPE the
 * moment its {@code <!D} arrives, so a DTD is never parsed (Aalto's async reader would fail on an
 * internal subset with a confusing message, or accept an external one), and it finds where the root
 * element's name ends: the place {@link XmlFeed} binds prefixes a publisher left unbound. It also
 * finds where the root's start tag ends, so that a prefix the root's own name uses but its start tag
 * does not declare can be bound before parsing instead of after the parser failed on it. Malformed
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
    ROOT_TAG,
    ROOT_DOUBLE_QUOTED,
    ROOT_SINGLE_QUOTED,
    DONE
  }

  private State state = State.TEXT;
  private boolean question;
  private int dashes;
  // Where the root element's name begins and ends, and its start tag ends.
  private int rootStart = -1;
  private int rootNameEnd = -1;
  private int rootTagEnd = -1;

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
            rootStart = i;
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
            if (b == '>') {
              rootTagEnd = i + 1;
              state = State.DONE;
            } else {
              state = State.ROOT_TAG;
            }
          }
        }
        case ROOT_TAG -> {
          if (b == '"') {
            state = State.ROOT_DOUBLE_QUOTED;
          } else if (b == '\'') {
            state = State.ROOT_SINGLE_QUOTED;
          } else if (b == '>') {
            rootTagEnd = i + 1;
            state = State.DONE;
          }
        }
        case ROOT_DOUBLE_QUOTED -> state = b == '"' ? State.ROOT_TAG : state;
        case ROOT_SINGLE_QUOTED -> state = b == '\'' ? State.ROOT_TAG : state;
        default -> throw new AssertionError(state);
      }
    }
  }

  /** Offset of the first byte after the root element's name, or -1 while not yet seen. */
  int rootNameEnd() {
    return rootNameEnd;
  }

  /**
   * The prefix of the root element's name when its start tag has arrived whole and nowhere
   * mentions {@code xmlns:prefix} (so certainly does not declare it); else null. Only the root's
   * own start tag can bind the root's prefix.
   */
  String undeclaredRootPrefix(byte[] body) {
    if (rootTagEnd < 0) {
      return null;
    }
    int colon = -1;
    for (int i = rootStart; i < rootNameEnd; i++) {
      if (body[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= rootStart) {
      return null;
    }
    String prefix = new String(body, rootStart, colon - rootStart, StandardCharsets.UTF_8);
    byte[] declaration = ("xmlns:" + prefix).getBytes(StandardCharsets.UTF_8);
    for (int i = rootNameEnd; i + declaration.length <= rootTagEnd; i++) {
      if (Arrays.equals(body, i, i + declaration.length, declaration, 0, declaration.length)) {
        return null;
      }
    }
    return prefix;
  }
}
