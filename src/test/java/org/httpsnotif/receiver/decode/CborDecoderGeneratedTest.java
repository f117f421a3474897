package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Seeded random documents: exact expected events, Jackson's reading, and every split. */
class CborDecoderGeneratedTest {

  private static final int DOCUMENTS = 500;

  @Test
  void generatedDocumentsDecodeExactlyHoweverSplit() throws Exception {
    for (long seed = 0; seed < DOCUMENTS; seed++) {
      CborRandom.Document doc = CborRandom.generate(seed);
      byte[] body = doc.bytes();
      String where = "seed " + seed + ", body " + HexFormat.of().formatHex(body);
      assertEquals(doc.events(), CborEvents.decode(body), "whole, " + where);
      assertEquals(CborJackson.read(body), CborJackson.normalise(doc.events()), "Jackson, " + where);
      assertEquals(doc.events(), CborEvents.decode(body, CborEvents.ones(body.length)),
          "one byte at a time, " + where);
      for (int cut = 1; cut < body.length; cut++) {
        assertEquals(doc.events(), CborEvents.decode(body, List.of(cut, body.length - cut)),
            "split at " + cut + ", " + where);
      }
    }
  }

  /** Guards the generator: a run that never produced some kind of item would prove little. */
  @Test
  void generatorCoversEveryKind() {
    Set<String> kinds = new TreeSet<>();
    Set<String> features = new TreeSet<>();
    for (long seed = 0; seed < DOCUMENTS; seed++) {
      CborRandom.Document doc = CborRandom.generate(seed);
      for (String event : doc.events()) {
        int colon = event.indexOf(':');
        kinds.add(colon < 0 ? event : event.substring(0, colon));
      }
      features.addAll(doc.features());
    }
    assertEquals(
        new TreeSet<>(List.of("{", "}", "[", "]", "name", "id", "text", "long", "big", "double",
            "true", "false", "null", "bytes", "tag", "simple")),
        kinds);
    assertEquals(
        new TreeSet<>(List.of("chunked text", "chunked text key", "chunked bytes", "half",
            "single", "double", "two-byte simple", "indefinite array", "indefinite map",
            "wide argument", "argument width 0", "argument width 1", "argument width 2",
            "argument width 4", "argument width 8", "absolute SID key", "bignum tag 2",
            "bignum tag 3", "1 tags", "2 tags", "3 tags")),
        features);
  }
}
