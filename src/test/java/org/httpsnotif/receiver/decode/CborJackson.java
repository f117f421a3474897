package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference side of the differential tests: what Jackson's blocking CBORParser reads, in the
 * {@link CborEvents} vocabulary, and the normalisation that maps our exact events onto what
 * Jackson 2.18 can express.
 */
final class CborJackson {

  private static final CBORFactory FACTORY = new CBORFactory();

  private CborJackson() {}

  /** Jackson's reading of a body; tags become one "tags:FIRSTxCOUNT" before the tagged token. */
  static List<String> read(byte[] body) throws IOException {
    List<String> out = new ArrayList<>();
    try (CBORParser parser = (CBORParser) FACTORY.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        CBORParser.TagList tags = parser.getCurrentTags();
        if (!token.isStructEnd() && !tags.isEmpty()) {
          out.add("tags:" + tags.getFirstTag() + "x" + tags.size());
        }
        out.add(
            switch (token) {
              case START_OBJECT -> "{";
              case END_OBJECT -> "}";
              case START_ARRAY -> "[";
              case END_ARRAY -> "]";
              case FIELD_NAME -> "name:" + parser.currentName();
              case VALUE_STRING -> "text:" + parser.getText();
              case VALUE_NUMBER_INT -> "int:" + parser.getNumberValue();
              case VALUE_NUMBER_FLOAT -> CborEvents.doubleEvent(parser.getDoubleValue());
              case VALUE_TRUE -> "true";
              case VALUE_FALSE -> "false";
              case VALUE_NULL -> "null";
              case VALUE_EMBEDDED_OBJECT -> "bytes:" + HexFormat.of().formatHex(parser.getBinaryValue());
              default -> throw new IllegalStateException("unexpected Jackson token " + token);
            });
      }
    }
    return out;
  }

  /** Maps our exact events to Jackson's vocabulary, deliberately losing what Jackson loses. */
  static List<String> normalise(List<String> ours) {
    List<String> out = new ArrayList<>();
    List<Long> tags = new ArrayList<>();
    for (String event : ours) {
      if (event.startsWith("tag:")) {
        tags.add(Long.parseUnsignedLong(event.substring(4)));
        continue;
      }
      if (!tags.isEmpty()) {
        boolean positive = tags.contains(2L);
        if (event.startsWith("bytes:") && (positive || tags.contains(3L))) {
          // Jackson turns a tag 2/3 byte string into a number and drops every tag in front.
          out.add("int:" + jacksonBignum(event.substring(6), !positive));
          tags.clear();
          continue;
        }
        // Jackson 2.18 shows only the first tag and how many there were.
        out.add("tags:" + tags.get(0) + "x" + tags.size());
        tags.clear();
      }
      out.add(jacksonScalar(event));
    }
    return out;
  }

  private static String jacksonScalar(String event) {
    if (event.startsWith("id:")) {
      // Jackson renders integer keys as FIELD_NAME text: SID 5 and name "5" look the same.
      return "name:" + event.substring(3);
    }
    if (event.startsWith("long:") || event.startsWith("big:")) {
      // Jackson has one integer token for int, long and BigInteger.
      return "int:" + event.substring(event.indexOf(':') + 1);
    }
    if (event.equals("simple:23")) {
      // Jackson reads undefined as null.
      return "null";
    }
    if (event.startsWith("simple:")) {
      // Jackson reads other simple values as small integers.
      return "int:" + event.substring(7);
    }
    return event;
  }

  /**
   * Jackson 2.18's bignum reading, which is not RFC 8949 3.4.3: it takes the bytes as two's
   * complement and negates for tag 3 instead of computing -1-n. We only map vocabularies here;
   * our decoder emits the raw tag and bytes, which the generator's own expectations check.
   */
  private static BigInteger jacksonBignum(String hex, boolean negative) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    if (bytes.length == 0) {
      return BigInteger.ZERO;
    }
    BigInteger value = new BigInteger(bytes);
    return negative ? value.negate() : value;
  }
}
