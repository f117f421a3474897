package org.httpsnotif.receiver.decode;

/** Decodes a CBOR notification (name or SID keys) with the incremental decoder as chunks arrive. */
public final class CborBodyDecoder implements BodyDecoder {

  private final EnvelopeExtractor extractor = new EnvelopeExtractor();
  private final CborDecoder decoder;

  public CborBodyDecoder() {
    this(CborDecoder.Limits.DEFAULT);
  }

  public CborBodyDecoder(CborDecoder.Limits limits) {
    decoder = new CborDecoder(extractor, limits);
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws DecodeException {
    decoder.feed(bytes, off, len);
    checkExtractor();
  }

  @Override
  public Extracted end() throws DecodeException {
    decoder.end();
    return extractor.result();
  }

  // The extractor cannot throw through TokenHandler; stop at its first complaint instead.
  private void checkExtractor() throws DecodeException {
    if (extractor.failure() != null) {
      throw extractor.failure();
    }
  }
}
