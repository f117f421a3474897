package org.httpsnotif.receiver.decode;

/**
 * Decodes one request body as its chunks arrive. Feed chunks in order, then call {@link #end()}.
 * After the first exception the decoder is spent; callers stop feeding it.
 */
public interface BodyDecoder {

  /** Consumes {@code len} bytes of {@code bytes} from {@code off}; the array may be reused after. */
  void feed(byte[] bytes, int off, int len) throws DecodeException;

  /**
   * As {@link #feed}, from a caller that keeps the whole body in one array: {@code body[0, off)}
   * are the bytes fed before, and {@code body[0, off + len)} stays unchanged until {@link #end()}
   * (the next chunk may come in a larger array that starts with the same bytes). A decoder that
   * needs the body so far reads it there instead of keeping a copy of its own.
   */
  default void feedBody(byte[] body, int off, int len) throws DecodeException {
    feed(body, off, len);
  }

  /** Declares the end of the body and returns what was extracted. */
  Extracted end() throws DecodeException;
}
