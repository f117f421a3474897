package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonFactory;

/** Makes a decoder per body for one set of limits; JSON decoders share one Jackson factory. */
public final class Decoders {

  public static final Decoders DEFAULT = new Decoders(DecodeLimits.DEFAULT);

  private final DecodeLimits limits;
  private final JsonFactory json;

  public Decoders(DecodeLimits limits) {
    this.limits = limits;
    this.json = JsonBodyDecoder.factory(limits.json());
  }

  public BodyDecoder forFormat(BodyFormat format) {
    return switch (format.encoding()) {
      case BodyFormat.JSON -> JsonBodyDecoder.from(json, limits.json());
      case BodyFormat.XML -> new XmlBodyDecoder(limits.xml());
      default -> new CborBodyDecoder(limits.cbor());
    };
  }
}
