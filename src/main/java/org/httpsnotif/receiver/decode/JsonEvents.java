package org.httpsnotif.receiver.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Turns the tokens of a Jackson parser into {@link TokenHandler} events. */
final class JsonEvents {

  private final JsonParser parser;
  private final TokenHandler handler;
  private int depth;
  private boolean sawDocument;

  JsonEvents(JsonParser parser, TokenHandler handler) {
    this.parser = parser;
    this.handler = handler;
  }

  int depth() {
    return depth;
  }

  boolean sawDocument() {
    return sawDocument;
  }

  void emit(JsonToken token) throws IOException {
    try {
      dispatch(token);
    } catch (NumberFormatException e) {
      // Jackson's async parser lets an exponent without digits through at the end of the input
      // ("1e+") as a number token, then fails to convert it with an unchecked exception.
      throw new JsonParseException(parser, "Malformed numeric value (" + parser.getText() + ")", e);
    }
  }

  private void dispatch(JsonToken token) throws IOException {
    if (depth == 0) {
      sawDocument = true;
    }
    switch (token) {
      case START_OBJECT -> {
        depth++;
        handler.startObject();
      }
      case END_OBJECT -> {
        depth--;
        handler.endObject();
      }
      case START_ARRAY -> {
        depth++;
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
}
