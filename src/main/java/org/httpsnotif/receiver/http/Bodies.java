package org.httpsnotif.receiver.http;

import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Renders small answer bodies: JSON or CBOR through Jackson, XML through Woodstox. */
public final class Bodies {

  private static final WstxOutputFactory XML = new WstxOutputFactory();

  /** Writes the content of a JSON or CBOR document. */
  public interface JsonContent {
    void write(JsonGenerator g) throws IOException;
  }

  /** Writes the root element of an XML document. */
  public interface XmlContent {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private Bodies() {}

  public static Buffer json(JsonFactory factory, JsonContent content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = factory.createGenerator(out)) {
      content.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  public static Buffer xml(XmlContent content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      content.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** One element holding only text. */
  public static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
