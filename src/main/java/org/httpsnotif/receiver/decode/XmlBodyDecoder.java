package org.httpsnotif.receiver.decode;

import java.util.Optional;

/**
 * Decodes an XML notification with Aalto's async reader as chunks arrive (see {@link XmlFeed} for
 * what is refused and how unbound prefixes are accepted, {@link XmlExtractor} for what is taken).
 */
public final class XmlBodyDecoder implements BodyDecoder {

  /**
   * Bounds on what one body may hold; hostile bodies fail on them with too-big instead of
   * exhausting memory or time.
   *
   * @param maxDepth deepest element nesting
   * @param maxTextBytes longest text the decoder keeps (event time, hostname, sequence number,
   *     subscription id), in characters; text it does not keep is passed over whatever its size
   * @param maxAttributesPerElement attributes plus namespace declarations on one element
   * @param maxChildren child elements of one element
   * @param maxUnboundPrefixes distinct unbound prefixes accepted; each costs one more parse
   */
  public record Limits(
      int maxDepth,
      int maxTextBytes,
      int maxAttributesPerElement,
      int maxChildren,
      int maxUnboundPrefixes) {

    /**
     * YANG data seldom nests past 30 levels; 256 leaves room yet keeps the JSON view (at most 2 x
     * depth + 1 levels, arrays included) within Jackson's default write nesting of 1000. Kept text
     * is a timestamp, a host name or a number: 1024 characters is ample. Woodstox's default of 1000
     * attributes; a million children, since list snapshots (routes, MAC tables) are long and the
     * body size limit is the real bound; 16 unbound prefixes covers a publisher that turns every
     * JSON member name into an element name.
     */
    public static final Limits DEFAULT = new Limits(256, 1024, 1000, 1_000_000, 16);

    public Limits {
      if (maxDepth < 1
          || maxTextBytes < 1
          || maxAttributesPerElement < 0
          || maxChildren < 1
          || maxUnboundPrefixes < 0) {
        throw new IllegalArgumentException("XML limits must be positive: " + this);
      }
    }
  }

  private final XmlFeed<XmlExtractor> feed;

  public XmlBodyDecoder() {
    this(Limits.DEFAULT);
  }

  public XmlBodyDecoder(Limits limits) {
    feed = new XmlFeed<>(limits, () -> new XmlExtractor(limits.maxTextBytes()));
  }

  @Override
  public void feed(byte[] bytes, int off, int len) throws DecodeException {
    feed.feed(bytes, off, len);
  }

  @Override
  public void feedBody(byte[] body, int off, int len) throws DecodeException {
    feed.feedBody(body, off, len);
  }

  @Override
  public Extracted end() throws DecodeException {
    return feed.end().result();
  }

  /**
   * The YANG module name an XML namespace stands for, best effort without the modules: the last
   * segment after '/' or ':', so {@code urn:ietf:params:xml:ns:yang:ietf-yang-push} gives {@code
   * ietf-yang-push} and {@code https://example.com/example-mod} gives {@code example-mod}. A prefix
   * the publisher left unbound gives the prefix. Empty for no namespace.
   */
  public static String moduleOf(String namespaceUri) {
    if (namespaceUri == null) {
      return "";
    }
    int end = namespaceUri.length();
    while (end > 0 && isSeparator(namespaceUri.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0 && !isSeparator(namespaceUri.charAt(start - 1))) {
      start--;
    }
    return start < end ? namespaceUri.substring(start, end) : namespaceUri;
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == ':';
  }

  /**
   * The envelope kind of a root element: by namespace as {@link Envelopes#kindOfXml}; else by
   * module name as in JSON, which covers an unbound prefix ({@code
   * <ietf-https-notif:notification>}) and a YANG namespace for a JSON wrapper; else a {@code
   * notification} in no namespace, taken as RFC 5277.
   */
  static Optional<String> envelopeKind(String namespace, String localName) {
    Optional<String> kind = Envelopes.kindOfXml(namespace, localName);
    if (kind.isPresent()) {
      return kind;
    }
    if (namespace == null || namespace.isEmpty()) {
      return localName.equals("notification") ? Optional.of(Envelopes.RFC5277) : Optional.empty();
    }
    return Envelopes.kindOf(moduleOf(namespace) + ":" + localName);
  }

  /** How a root element reads in a message: {@code prefix:local}, or {@code {namespace}local}. */
  static String describe(String namespace, String prefix, String localName) {
    if (namespace != null && namespace.startsWith(XmlFeed.UNBOUND_PREFIX_NS)) {
      return prefix + ":" + localName + " (prefix not bound)";
    }
    return namespace == null || namespace.isEmpty() ? localName : "{" + namespace + "}" + localName;
  }
}
