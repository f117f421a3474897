package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlPrologTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "<p:n>                                              | p",
        "<ietf-https-notif:notification><eventTime>         | ietf-https-notif",
        "<?xml version='1.0'?><!-- <q:x> --> <p:n a='1'>     | p",
        "<p:n a='>' b=\"xmlns\">                              | p",
        "<p:n a='xmlns:q'/>                                 | p",
        "<p:n xmlns:p='urn:x'>                              | null",
        "<p:n\txmlns:p = 'urn:x'>                           | null",
        // Mentioned anywhere in the tag, even in a value: left to the parse and its restart.
        "<p:n a='xmlns:p'>                                  | null",
        "<n xmlns='urn:x'>                                  | null",
        // The start tag has not arrived whole.
        "<p:n a='1'                                         | null",
        "<p:n a='>                                          | null",
        "<p:n                                               | null",
      })
  void findsARootPrefixItsStartTagLeavesUndeclared(String xml, String prefix) throws DecodeException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    XmlProlog whole = new XmlProlog();
    whole.scan(body, 0, body.length);
    assertEquals(prefix, whole.undeclaredRootPrefix(body));
    // The same, the body arriving a byte at a time.
    XmlProlog split = new XmlProlog();
    for (int i = 0; i < body.length; i++) {
      split.scan(body, i, i + 1);
    }
    assertEquals(prefix, split.undeclaredRootPrefix(body));
  }

  @ParameterizedTest
  @CsvSource({"<n>", "<n/>", "<n a='1'>"})
  void findsNoPrefixOnAnUnprefixedRoot(String xml) throws DecodeException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    XmlProlog prolog = new XmlProlog();
    prolog.scan(body, 0, body.length);
    assertNull(prolog.undeclaredRootPrefix(body));
  }
}
