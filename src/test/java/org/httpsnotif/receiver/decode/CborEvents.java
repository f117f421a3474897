package org.httpsnotif.receiver.decode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Records {@link CborDecoder} events as short strings ("{", "name:x", "id:5", "long:1", ...) and
 * feeds bodies in pieces, so tests compare whole event lists.
 */
final class CborEvents implements TokenHandler {

  private final List<String> events = new ArrayList<>();
  private final boolean wantsValues;

  CborEvents() {
    this(true);
  }

  CborEvents(boolean wantsValues) {
    this.wantsValues = wantsValues;
  }

  List<String> events() {
    return events;
  }

  /** Decodes the body fed whole. */
  static List<String> decode(byte[] body) throws DecodeException {
    return decode(body, List.of(body.length));
  }

  /** Decodes the body fed in pieces of the given sizes, with default limits. */
  static List<String> decode(byte[] body, List<Integer> sizes) throws DecodeException {
    return decode(body, sizes, CborDecoder.Limits.DEFAULT);
  }

  /**
   * Feeds each piece at offset 1 of one scratch array that is overwritten after every call, so a
   * decoder that reads outside its range or keeps a reference to the caller's bytes shows it.
   */
  static List<String> decode(byte[] body, List<Integer> sizes, CborDecoder.Limits limits)
      throws DecodeException {
    CborEvents recorder = new CborEvents();
    CborDecoder decoder = new CborDecoder(recorder, limits);
    byte[] scratch = new byte[body.length + 2];
    int off = 0;
    for (int size : sizes) {
      Arrays.fill(scratch, (byte) 0xFF);
      System.arraycopy(body, off, scratch, 1, size);
      decoder.feed(scratch, 1, size);
      Arrays.fill(scratch, (byte) 0xFF);
      off += size;
    }
    decoder.end();
    return recorder.events();
  }

  static List<Integer> ones(int length) {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      sizes.add(1);
    }
    return sizes;
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  static String doubleEvent(double value) {
    // NaN payloads are not compared: Jackson and the generator do not agree on them.
    return "double:" + (Double.isNaN(value) ? "NaN" : Double.toString(value));
  }

  @Override
  public void startObject() {
    events.add("{");
  }

  @Override
  public void endObject() {
    events.add("}");
  }

  @Override
  public void startArray() {
    events.add("[");
  }

  @Override
  public void endArray() {
    events.add("]");
  }

  @Override
  public void fieldName(String name) {
    events.add("name:" + name);
  }

  @Override
  public void fieldId(long id) {
    events.add("id:" + id);
  }

  @Override
  public void stringValue(String value) {
    events.add("text:" + value);
  }

  @Override
  public void longValue(long value) {
    events.add("long:" + value);
  }

  @Override
  public void bigIntegerValue(BigInteger value) {
    events.add("big:" + value);
  }

  @Override
  public void doubleValue(double value) {
    events.add(doubleEvent(value));
  }

  @Override
  public void booleanValue(boolean value) {
    events.add(String.valueOf(value));
  }

  @Override
  public void nullValue() {
    events.add("null");
  }

  @Override
  public void bytesValue(byte[] value) {
    events.add("bytes:" + HexFormat.of().formatHex(value));
  }

  @Override
  public void tag(long tag) {
    events.add("tag:" + Long.toUnsignedString(tag));
  }

  @Override
  public void simpleValue(int value) {
    events.add("simple:" + value);
  }

  @Override
  public boolean wantsValue() {
    return wantsValues;
  }
}
