package org.httpsnotif.receiver.decode;

/** Makes a decoder per body for one set of limits. */
public final class Decoders {

  public static final Decoders DEFAULT = new Decoders(DecodeLimits.DEFAULT);

  private final DecodeLimits limits;

  public Decoders(DecodeLimits limits) {
    this.limits = limits;
  }

  public BodyDecoder forFormat(BodyFormat format) {
    return switch (format.encoding()) {
      case BodyFormat.JSON -> new JsonBodyDecoder(limits.json());
      case BodyFormat.XML -> new XmlBodyDecoder(limits.xml());
      default -> new CborBodyDecoder(limits.cbor());
    };
  }
}
