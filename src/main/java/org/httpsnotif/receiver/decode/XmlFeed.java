package org.httpsnotif.receiver.decode;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.UncheckedStreamException;
import com.fasterxml.aalto.in.ReaderConfig;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import com.fasterxml.aalto.stax.StreamReaderImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Runs an XML body through Aalto's async reader as its chunks arrive and hands each event to a
 * handler, with the rules every XML path of the receiver shares: no DTD, no entity other than the
 * five predefined ones and character references, UTF-8 only, bounded depth, children and
 * attributes, and prefixes left unbound by the publisher accepted.
 *
 * <p>Aalto's async reader always resolves namespaces (it ignores {@code IS_NAMESPACE_AWARE=false})
 * and fails on an unbound prefix. So the feed keeps the body, and when the reader reports an
 * unbound prefix it starts over with a fresh reader and handler, declaring that prefix on the root
 * element as {@link #UNBOUND_PREFIX_NS} followed by the prefix. Bodies that bind their prefixes,
 * all standard ones, are read once, and so are those whose only unbound prefix is the root's own
 * (bound before the first parse, see {@link #begin}).
 *
 * <p>Encodings: only UTF-8 and its subset US-ASCII are accepted. YANG-based protocols exchange XML
 * in UTF-8, and stored bodies are served again byte for byte inside UTF-8 responses, where a
 * Latin-1 body (which Aalto would read) would come out garbled. A UTF-8 byte order mark, which
 * Aalto's async reader does not skip, is skipped here.
 */
final class XmlFeed<H extends XmlFeed.Handler> {

  /** Receives the reader's events. */
  interface Handler {
    /**
     * One event, the reader positioned on it. {@code depth} is the depth of the element the event
     * belongs to: the element itself for start and end tags, the enclosing one for text (root = 1).
     */
    void event(int type, XMLStreamReader reader, int depth) throws DecodeException;
  }

  /** The namespace an unbound prefix gets; its last segment is the prefix itself. */
  static final String UNBOUND_PREFIX_NS = "urn:x-https-notif-receiver:unbound-prefix:";

  private static final Pattern UNBOUND = Pattern.compile("^Unbound namespace prefix '([^']+)'");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final XmlBodyDecoder.Limits limits;
  private final Supplier<H> handlers;
  private final XmlProlog prolog = new XmlProlog();
  private final CdataEndScan cdataEnd = new CdataEndScan();
  private final List<String> unbound = new ArrayList<>(0);

  // The body so far: a restart needs it, and Aalto reads from it. A copy, or the caller's array
  // (feedBody).
  private byte[] body = new byte[0];
  private int size;
  // Where the parser starts reading, after a byte order mark; -1 until the first bytes decide.
  private int start = -1;

  private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
  private H handler;
  private int fed;
  private int inserted;
  // Where in its array each input of the current reader starts (see feedParser).
  private int base;
  private int depth;
  private int[] children = new int[8];
  private boolean rootSeen;
  private boolean ended;
  private DecodeException failure;

  XmlFeed(XmlBodyDecoder.Limits limits, Supplier<H> handlers) {
    this.limits = limits;
    this.handlers = handlers;
  }

  /** Parses a complete body, read in place (not copied), and returns the handler that saw it. */
  static <H extends Handler> H parse(byte[] xml, XmlBodyDecoder.Limits limits, Supplier<H> handlers)
      throws DecodeException {
    XmlFeed<H> feed = new XmlFeed<>(limits, handlers);
    feed.body = xml;
    feed.size = xml.length;
    feed.prolog.scan(xml, 0, xml.length);
    feed.cdataEnd.scan(xml, 0, xml.length);
    return feed.end();
  }

  /**
   * Names a thread's factory may pool before the thread starts over with a fresh one. A reader
   * merges the element names it met into its factory's symbol table when it closes, so the next
   * body finds them there instead of building and interning each anew (with a factory per body
   * that took about a tenth of the receiver's CPU time for XML). The table never shrinks (measured:
   * 170 MB after a million distinct names), so a publisher inventing names would grow it without
   * bound, and while it is shared a body bringing a new name copies it whole; this cap keeps it to
   * tens of kilobytes. Real notifications use tens to hundreds of names.
   */
  static final int MAX_POOLED_NAMES = 1024;

  // One factory per thread: each event loop reads its bodies one at a time.
  private static final ThreadLocal<AsyncXMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlFeed::newFactory);

  private static AsyncXMLInputFactory newFactory() {
    AsyncXMLInputFactory factory = new InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // Undeclared entities then arrive as ENTITY_REFERENCE events, which are refused.
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    factory.setProperty(
        XMLInputFactory.RESOLVER,
        (javax.xml.stream.XMLResolver)
            (publicId, systemId, base, namespace) -> {
              throw new XMLStreamException("external resources are never fetched");
            });
    factory.setProperty(XMLInputFactory2.P_INTERN_NAMES, false);
    factory.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, false);
    factory.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
    return factory;
  }

  void feed(byte[] bytes, int off, int len) throws DecodeException {
    if (failure != null) {
      throw failure;
    }
    append(bytes, off, len);
    arrived(len);
  }

  /** As {@link BodyDecoder#feedBody}: the body is read in the caller's array, not copied. */
  void feedBody(byte[] whole, int off, int len) throws DecodeException {
    if (failure != null) {
      throw failure;
    }
    if (off != size) {
      throw new IllegalStateException("fed " + size + " bytes, but the caller's body has " + off);
    }
    body = whole;
    size = off + len;
    arrived(len);
  }

  /** Scans and parses the last {@code len} bytes of the body. */
  private void arrived(int len) throws DecodeException {
    try {
      prolog.scan(body, size - len, size);
      cdataEnd.scan(body, size - len, size);
      pump(false);
    } catch (DecodeException e) {
      failure = e;
      throw e;
    }
  }

  /** Ends the body and returns the handler that saw the whole document. */
  H end() throws DecodeException {
    if (failure != null) {
      throw failure;
    }
    try {
      pump(true);
      if (!ended) {
        if (rootSeen) {
          throw DecodeException.malformed(
              "truncated XML: the body ended before the root element was closed");
        }
        throw DecodeException.malformed(size == 0 ? "empty body" : "no XML root element");
      }
      reader.close();
      forgetNamesIfTooMany();
      return handler;
    } catch (XMLStreamException e) {
      throw malformed(e);
    } catch (DecodeException e) {
      failure = e;
      throw e;
    }
  }

  private void append(byte[] bytes, int off, int len) {
    if (body.length - size < len) {
      // Starts from empty: a body that arrives in one chunk, as most do, is kept at its size.
      body = Arrays.copyOf(body, Math.max(body.length * 2, size + len));
    }
    System.arraycopy(bytes, off, body, size, len);
    size += len;
  }

  private void pump(boolean last) throws DecodeException {
    if (start < 0) {
      boolean maybeBom = Arrays.equals(body, 0, Math.min(size, 3), BOM, 0, Math.min(size, 3));
      if (maybeBom && size < 3 && !last) {
        return;
      }
      start = maybeBom && size >= 3 ? 3 : 0;
    }
    while (true) {
      try {
        if (reader == null) {
          begin();
        }
        // The reader never gets a ']]>' in text: it misses some (CdataEndScan), so it is refused
        // here once the bytes before it have had their say.
        int until = cdataEnd.found() >= 0 ? cdataEnd.found() : size;
        if (fed < until) {
          feedParser(body, fed, until);
          fed = until;
        }
        if (cdataEnd.found() >= 0) {
          throw DecodeException.malformed("malformed XML: ']]>' not allowed in text, only as the"
              + " end of a CDATA section (at byte " + cdataEnd.found() + ")");
        }
        if (last && !ended) {
          reader.getInputFeeder().endOfInput();
          drain();
        }
        return;
      } catch (XMLStreamException e) {
        rebind(e);
      }
    }
  }

  /** Drops this thread's factory once its pooled names pass the cap. */
  private void forgetNamesIfTooMany() {
    ReaderConfig config = ((StreamReaderImpl) reader).getConfig();
    if (config.getActualEncoding() != null && config.getBBSymbols().size() > MAX_POOLED_NAMES) {
      FACTORY.remove();
    }
  }

  /** Names this thread's factory pools now (for tests). */
  static int pooledNames() throws XMLStreamException {
    AsyncXMLStreamReader<AsyncByteArrayFeeder> probe = FACTORY.get().createAsyncForByteArray();
    probe.getInputFeeder().feedInput(new byte[] {'<', 'a', '/', '>'}, 0, 4);
    probe.next();
    return ((StreamReaderImpl) probe).getConfig().getBBSymbols().size();
  }

  /**
   * A fresh reader and handler, fed the body up to the root's name and the bindings so far. A
   * root whose prefix its start tag leaves undeclared (the reference publisher's) is bound before
   * the first parse when that tag has arrived whole, sparing a failed parse and a restart.
   */
  private void begin() throws XMLStreamException, DecodeException {
    if (unbound.isEmpty() && limits.maxUnboundPrefixes() > 0) {
      String prefix = prolog.undeclaredRootPrefix(body);
      if (prefix != null && !reserved(prefix)) {
        unbound.add(prefix);
      }
    }
    reader = FACTORY.get().createAsyncForByteArray();
    handler = handlers.get();
    depth = 0;
    rootSeen = false;
    ended = false;
    fed = start;
    base = 0;
    if (!unbound.isEmpty()) {
      // The body up to the root's name, then the bindings, as one input; the rest of the body
      // follows from where it lies, so every input starts at the array offset where that rest does.
      int at = prolog.rootNameEnd();
      StringBuilder bindings = new StringBuilder();
      for (String prefix : unbound) {
        bindings.append(" xmlns:").append(prefix).append("=\"");
        bindings.append(UNBOUND_PREFIX_NS).append(prefix).append('"');
      }
      byte[] bytes = bindings.toString().getBytes(StandardCharsets.UTF_8);
      inserted = bytes.length;
      byte[] head = new byte[at + (at - start) + bytes.length];
      System.arraycopy(body, start, head, at, at - start);
      System.arraycopy(bytes, 0, head, at + (at - start), bytes.length);
      base = at;
      feedParser(head, at, head.length);
      fed = at;
    }
  }

  /**
   * Feeds {@code bytes[from, to)} and drains the events. Aalto's async reader keeps its line
   * positions as offsets into the input array, which stay right only while every input starts at
   * the same offset, {@link #base}: a slice that starts elsewhere goes in as a copy placed there.
   * Its first line's columns then count from the array's start, {@code base} too many.
   */
  private void feedParser(byte[] bytes, int from, int to)
      throws XMLStreamException, DecodeException {
    if (from == base) {
      reader.getInputFeeder().feedInput(bytes, from, to - from);
    } else {
      byte[] copy = new byte[base + to - from];
      System.arraycopy(bytes, from, copy, base, to - from);
      reader.getInputFeeder().feedInput(copy, base, to - from);
    }
    drain();
  }

  /** The prefixes XML binds itself, which a document may never declare. */
  private static boolean reserved(String prefix) {
    return prefix.equals("xml") || prefix.equals("xmlns");
  }

  /** Starts over with the prefix bound if the reader failed on an unbound prefix; else fails. */
  private void rebind(XMLStreamException e) throws DecodeException {
    Matcher m = UNBOUND.matcher(String.valueOf(e.getMessage()));
    if (!m.find()
        || prolog.rootNameEnd() < 0
        || unbound.contains(m.group(1))
        || reserved(m.group(1))) {
      throw malformed(e);
    }
    if (unbound.size() == limits.maxUnboundPrefixes()) {
      throw new DecodeException(
          DecodeException.Tag.TOO_BIG,
          "more than " + limits.maxUnboundPrefixes() + " unbound namespace prefixes");
    }
    unbound.add(m.group(1));
    reader = null;
  }

  private void drain() throws XMLStreamException, DecodeException {
    while (true) {
      int type = next();
      switch (type) {
        case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
          return;
        }
        case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
        case XMLStreamConstants.START_ELEMENT -> opened();
        case XMLStreamConstants.DTD ->
            throw DecodeException.malformed("DTDs are not accepted (<!DOCTYPE>)");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw DecodeException.malformed(
                "entity reference '&"
                    + reader.getLocalName()
                    + ";' is not accepted: only &lt; &gt; &amp; &apos; &quot; and character"
                    + " references are");
        default -> {}
      }
      try {
        handler.event(type, reader, depth);
      } catch (UncheckedStreamException e) {
        // Aalto parses text lazily, when the handler asks for it, and reports faults so.
        if (e.getCause() instanceof XMLStreamException cause) {
          throw cause;
        }
        throw e;
      }
      if (type == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (type == XMLStreamConstants.END_DOCUMENT) {
        ended = true;
        return;
      }
    }
  }

  private int next() throws XMLStreamException {
    try {
      return reader.next();
    } catch (RuntimeException e) {
      // A parser fault on hostile input is still the body's fault: answer it as malformed.
      throw e.getCause() instanceof XMLStreamException cause
          ? cause
          : new XMLStreamException("XML parser failure: " + e, e);
    }
  }

  private void checkEncoding() throws DecodeException {
    String declared = reader.getCharacterEncodingScheme();
    if (declared != null && !declared.equals("UTF-8") && !declared.equals("US-ASCII")) {
      throw DecodeException.malformed(
          "XML encoding '" + declared + "' is not accepted: send UTF-8");
    }
  }

  private void opened() throws DecodeException {
    if (depth == limits.maxDepth()) {
      throw tooBig("XML nested deeper than " + limits.maxDepth() + " elements");
    }
    if (depth > 0 && ++children[depth] > limits.maxChildren()) {
      throw tooBig("an XML element has more than " + limits.maxChildren() + " child elements");
    }
    depth++;
    rootSeen = true;
    if (depth == children.length) {
      children = Arrays.copyOf(children, depth * 2);
    }
    children[depth] = 0;
    int attributes = reader.getAttributeCount() + reader.getNamespaceCount();
    if (depth == 1) {
      attributes -= unbound.size();
    }
    if (attributes > limits.maxAttributesPerElement()) {
      throw tooBig(
          "an XML element has more than "
              + limits.maxAttributesPerElement()
              + " attributes and namespace declarations");
    }
  }

  private static DecodeException tooBig(String message) {
    return new DecodeException(DecodeException.Tag.TOO_BIG, message);
  }

  /** Aalto's message without its location suffix, and the location as the publisher sent it. */
  private DecodeException malformed(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int cut = message.indexOf('\n');
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    Location at = e.getLocation();
    if (at != null && at.getLineNumber() > 0) {
      message += " (line " + at.getLineNumber() + ", column " + column(at) + ")";
    }
    return DecodeException.malformed("malformed XML: " + message);
  }

  /**
   * Aalto's column, less the array offset of its inputs on the first line and the bindings inserted
   * on the root element's line.
   */
  private int column(Location at) {
    int column = at.getColumnNumber() - (at.getLineNumber() == 1 ? base : 0);
    if (unbound.isEmpty()) {
      return column;
    }
    int rootEnd = prolog.rootNameEnd();
    int line = 1;
    int lineStart = start;
    for (int i = start; i < rootEnd; i++) {
      if (body[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return at.getLineNumber() == line && column > rootEnd - lineStart + inserted
        ? column - inserted
        : column;
  }
}
