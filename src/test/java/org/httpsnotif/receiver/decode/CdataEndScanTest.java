package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CdataEndScanTest {

  /** The eight-at-a-time search against the plain one, the three bytes at every offset. */
  @Test
  void findsTheThreeBytesWhereverTheyLie() {
    for (int length = 0; length <= 40; length++) {
      for (int at = 0; at + 3 <= length; at++) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        bytes[at] = ']';
        bytes[at + 1] = ']';
        bytes[at + 2] = '>';
        for (int from = 0; from <= length; from++) {
          for (int to = from; to <= length; to++) {
            int expected = at >= from && at + 3 <= to ? at : -1;
            assertEquals(expected, CdataEndScan.indexOfCdataEnd(bytes, from, to),
                length + " bytes, at " + at + ", [" + from + ", " + to + ")");
          }
        }
      }
    }
  }

  @Test
  void nearMissesAreNotFinds() {
    for (String s : new String[] {"]]", "] ]>", "]>]>", "]]]", "x]]", "]x>", "]]]]]]]]]]]]]]]]"}) {
      byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
      assertEquals(-1, CdataEndScan.indexOfCdataEnd(bytes, 0, bytes.length), s);
    }
    byte[] run = "]]]]]]]]]]]]]]]]]>".getBytes(StandardCharsets.US_ASCII);
    assertEquals(run.length - 3, CdataEndScan.indexOfCdataEnd(run, 0, run.length));
  }

  /** Arriving byte by byte or whole, a ]]> in text is found at the same offset; elsewhere not. */
  @Test
  void followsTheMarkupOnlyWhereItMatters() {
    String allowed = "<a x=']]>'><!-- ]]> --><?p ]]>?><![CDATA[ ]] ]]>";
    String body = allowed + "text ]]> more</a>";
    int expected = body.lastIndexOf("]]>");
    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
    CdataEndScan whole = new CdataEndScan();
    whole.scan(bytes, 0, bytes.length);
    assertEquals(expected, whole.found());
    CdataEndScan split = new CdataEndScan();
    for (int i = 0; i < bytes.length; i++) {
      split.scan(bytes, i, i + 1);
    }
    assertEquals(expected, split.found());
    byte[] fine = (allowed + "</a>").getBytes(StandardCharsets.US_ASCII);
    CdataEndScan none = new CdataEndScan();
    none.scan(fine, 0, fine.length);
    assertEquals(-1, none.found());
  }
}
