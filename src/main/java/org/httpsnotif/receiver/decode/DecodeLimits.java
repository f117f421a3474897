package org.httpsnotif.receiver.decode;

/**
 * The limits every decoder enforces, whatever the encoding; a body that breaks one is refused with
 * error-tag too-big and nothing is stored.
 *
 * @param maxDepth nesting of objects, arrays, maps, elements (and CBOR tags)
 * @param maxStringLength longest string or byte string value, in bytes (JSON, CBOR)
 * @param maxMembers most members, items or child elements in one container
 * @param maxXmlAttributes most attributes (namespace declarations included) on one XML element
 */
public record DecodeLimits(int maxDepth, int maxStringLength, int maxMembers, int maxXmlAttributes) {

  /**
   * YANG trees seldom pass 30 levels; 256 leaves room and keeps the XML JSON view within Jackson's
   * write limit. 4 MiB is far beyond any telemetry leaf. A million entries holds a full Internet
   * routing table. 100 attributes is generous for YANG XML, which uses almost none.
   */
  public static final DecodeLimits DEFAULT = new DecodeLimits(256, 4 << 20, 1_000_000, 100);

  public DecodeLimits {
    if (maxDepth < 1 || maxStringLength < 1 || maxMembers < 1 || maxXmlAttributes < 0) {
      throw new IllegalArgumentException("decode limits must be positive: " + this);
    }
  }

  JsonBodyDecoder.Limits json() {
    return new JsonBodyDecoder.Limits(maxDepth, maxStringLength, JsonBodyDecoder.Limits.DEFAULT.maxNumberLength(), maxMembers);
  }

  CborDecoder.Limits cbor() {
    return new CborDecoder.Limits(maxDepth, maxStringLength, maxMembers);
  }

  XmlBodyDecoder.Limits xml() {
    XmlBodyDecoder.Limits defaults = XmlBodyDecoder.Limits.DEFAULT;
    return new XmlBodyDecoder.Limits(
        maxDepth, defaults.maxTextBytes(), maxXmlAttributes, maxMembers, defaults.maxUnboundPrefixes());
  }
}
