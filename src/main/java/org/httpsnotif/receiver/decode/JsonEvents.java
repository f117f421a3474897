package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/** Turns the tokens of a Jackson parser into {@link TokenHandler} events. */
final class JsonEvents {

  private final JsonParser parser;
  private final TokenHandler handler;
  private final int maxMembers;
  // Members or items so far in each open container; Jackson itself does not bound them.
  private int[] counts = new int[16];
  private boolean[] isObject = new boolean[16];
  private int depth;
  private boolean sawDocument;

  JsonEvents(JsonParser parser, TokenHandler handler, int maxMembers) {
    this.parser = parser;
    this.handler = handler;
    this.maxMembers = maxMembers;
  }

  int depth() {
    return depth;
  }

  boolean sawDocument() {
    return sawDocument;
  }

  void emit(JsonToken token) throws IOException, DecodeException {
    try {
      dispatch(token);
    } catch (NumberFormatException e) {
      // Jackson's async parser lets an exponent without digits through at the end of the input
      // ("1e+") as a number token, then fails to convert it with an unchecked exception.
      throw new JsonParseException(parser, "Malformed numeric value (" + parser.getText() + ")", e);
    }
  }

  private void dispatch(JsonToken token) throws IOException, DecodeException {
    if (depth == 0) {
      sawDocument = true;
    } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
        && (token == JsonToken.FIELD_NAME) == isObject[depth - 1]
        && ++counts[depth - 1] > maxMembers) {
      throw new DecodeException(DecodeException.Tag.TOO_BIG,
          "more than " + maxMembers + " members in one object or array");
    }
    switch (token) {
      case START_OBJECT -> {
        open(true);
        handler.startObject();
      }
      case END_OBJECT -> {
        depth--;
        handler.endObject();
      }
      case START_ARRAY -> {
        open(false);
        handler.startArray();
      }
      case END_ARRAY -> {
        depth--;
        handler.endArray();
      }
      case FIELD_NAME -> handler.fieldName(parser.currentName());
      case VALUE_STRING -> handler.stringValue(handler.wantsValue() ? parser.getText() : null);
      case VALUE_NUMBER_INT -> {
        if (!handler.wantsValue()) {
          handler.longValue(0);
        } else if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          handler.bigIntegerValue(parser.getBigIntegerValue());
        } else {
          handler.longValue(parser.getLongValue());
        }
      }
      case VALUE_NUMBER_FLOAT -> handler.doubleValue(handler.wantsValue() ? parser.getDoubleValue() : 0);
      case VALUE_TRUE -> handler.booleanValue(true);
      case VALUE_FALSE -> handler.booleanValue(false);
      case VALUE_NULL -> handler.nullValue();
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  private void open(boolean object) {
    if (depth == counts.length) {
      counts = Arrays.copyOf(counts, depth * 2);
      isObject = Arrays.copyOf(isObject, depth * 2);
    }
    isObject[depth] = object;
    counts[depth++] = 0;
  }
}
