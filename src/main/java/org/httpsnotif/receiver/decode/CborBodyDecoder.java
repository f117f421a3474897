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
    try {
      decoder.feed(bytes, off, len);
    } catch (DecodeException e) {
      throw earliest(e);
    }
    checkExtractor();
  }

  @Override
  public Extracted end() throws DecodeException {
    try {
      decoder.end();
    } catch (DecodeException e) {
      throw earliest(e);
    }
    return extractor.result();
  }

  // The extractor cannot throw through TokenHandler; stop at its first complaint instead.
  private void checkExtractor() throws DecodeException {
    if (extractor.failure() != null) {
      throw extractor.failure();
    }
  }

  /**
   * The extractor's complaint, if it has one, came from bytes before the decoder's: answering it
   * keeps the answer the same however the body was split.
   */
  private DecodeException earliest(DecodeException decoderFailure) {
    return extractor.failure() != null ? extractor.failure() : decoderFailure;
  }
}
