package org.httpsnotif.receiver.decode;

import java.math.BigInteger;

/**
 * Receives the structure of a JSON or CBOR document one event at a time, so that one extractor
 * serves both encodings. Strings arrive whole: sources assemble chunked strings first.
 */
public interface TokenHandler {

  void startObject();

  void endObject();

  void startArray();

  void endArray();

  /** A map key that is a text string (JSON member name, CBOR name key). */
  void fieldName(String name);

  /** A CBOR map key that is an integer, as with YANG SIDs (id=sid); may be negative (delta). */
  void fieldId(long id);

  void stringValue(String value);

  /** Integers that fit a long. */
  void longValue(long value);

  /** Integers outside the long range (CBOR major types 0/1 up to 2^64, bignums are tags). */
  void bigIntegerValue(BigInteger value);

  void doubleValue(double value);

  void booleanValue(boolean value);

  void nullValue();

  /** CBOR byte string, assembled when chunked. */
  void bytesValue(byte[] value);

  /** CBOR tag applying to the next item. */
  void tag(long tag);

  /** CBOR simple value other than false, true and null (undefined is 23). */
  void simpleValue(int value);

  /**
   * Whether the next scalar's value will be used. Sources may skip materialising values the
   * handler ignores (deep inside a notification body); they still validate them.
   */
  default boolean wantsValue() {
    return true;
  }
}
