package org.httpsnotif.receiver.decode;

/**
 * Decodes one request body as its chunks arrive. Feed chunks in order, then call {@link #end()}.
 * After the first exception the decoder is spent; callers stop feeding it.
 */
public interface BodyDecoder {

  /** Consumes {@code len} bytes of {@code bytes} from {@code off}; the array may be reused after. */
  void feed(byte[] bytes, int off, int len) throws DecodeException;

  /** Declares the end of the body and returns what was extracted. */
  Extracted end() throws DecodeException;
}
