package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What the decoder fuzz targets share: the input format, feeding whole and in chunks, and the
 * checks on the outcome.
 *
 * <p>An input is a header that says how to cut the body, then the body. The low three bits of the
 * first byte give how many chunk sizes follow (0 to 7), one byte each, 0 being an empty chunk. The
 * body is fed in chunks of those sizes, over and over, until it is used up; with no sizes, in one
 * chunk. Every chunk goes through the same reused array with junk around it, as a pooled network
 * buffer would.
 */
public final class Fuzzing {

  /** The header of the seeds: chunks of 1, 7 and 64 bytes, over and over. */
  public static final byte[] SEED_HEADER = {3, 1, 7, 64};

  // Not plausible input in any of the encodings: a decoder reading outside its chunk trips on it.
  private static final byte JUNK = (byte) 0xFF;

  /**
   * Allocation allowed for decoding one body: a fixed part plus a multiple of the body. A body that
   * costs more is a finding, as a publisher could repeat it up to the body limit. The fixed part is
   * generous because Jazzer's comparison hooks allocate on the decoding thread while fuzzing, most
   * where envelope member names go through a string switch: up to 9 MB seen for a 4 KB CBOR body,
   * where no input of the campaigns' corpora takes more than 0.7 MB without them.
   */
  private static final long ALLOCATION_FIXED = 32L << 20;
  private static final long ALLOCATION_PER_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Fuzzing() {}

  /** What a decoder made of a body: the fields, or the tag it refused the body with. */
  public record Outcome(Extracted extracted, DecodeException.Tag refusal) {

    public boolean accepted() {
      return extracted != null;
    }
  }

  /**
   * Decodes the body of a fuzz input whole and in the header's chunks and checks that both give
   * the same outcome, a refusal with the same tag included. Anything thrown other than {@link
   * DecodeException}, including an assertion here, is a finding.
   */
  public static Outcome check(Supplier<BodyDecoder> decoders, byte[] input) {
    int sizes = input.length == 0 ? 0 : Math.min(input[0] & 7, input.length - 1);
    int[] cycle = new int[sizes];
    for (int i = 0; i < sizes; i++) {
      cycle[i] = input[1 + i] & 0xFF;
    }
    byte[] body = Arrays.copyOfRange(input, input.length == 0 ? 0 : 1 + sizes, input.length);
    Outcome whole = budgeted(body, () -> whole(decoders.get(), body));
    Outcome split = budgeted(body, () -> split(decoders.get(), body, cycle));
    assertEquals(whole, split, "whole and split bodies decode differently");
    return whole;
  }

  /** A seed for a body: the seed header, then the body. */
  public static byte[] seed(byte[] body) {
    byte[] seed = Arrays.copyOf(SEED_HEADER, SEED_HEADER.length + body.length);
    System.arraycopy(body, 0, seed, SEED_HEADER.length, body.length);
    return seed;
  }

  public static Outcome whole(BodyDecoder decoder, byte[] body) {
    try {
      decoder.feed(body, 0, body.length);
      return accepted(decoder.end());
    } catch (DecodeException e) {
      return refused(e);
    }
  }

  private static Outcome split(BodyDecoder decoder, byte[] body, int[] cycle) {
    int largest = Arrays.stream(cycle).max().orElse(body.length);
    byte[] buffer = new byte[largest + 2];
    try {
      int off = 0;
      int empty = 0;
      for (int i = 0; off < body.length; i++) {
        int size = cycle.length == 0 ? body.length : Math.min(cycle[i % cycle.length], body.length - off);
        // A cycle of empty chunks alone would never end: after one round the rest goes in at once.
        empty = size == 0 ? empty + 1 : 0;
        if (empty > cycle.length) {
          size = body.length - off;
          buffer = new byte[size + 2];
        }
        Arrays.fill(buffer, JUNK);
        System.arraycopy(body, off, buffer, 1, size);
        decoder.feed(buffer, 1, size);
        off += size;
      }
      return accepted(decoder.end());
    } catch (DecodeException e) {
      return refused(e);
    }
  }

  private static Outcome accepted(Extracted extracted) {
    assertNotNull(extracted.envelope());
    assertNotNull(extracted.eventTime());
    assertNotNull(extracted.eventTimeRaw());
    assertNotNull(extracted.notificationType());
    return new Outcome(extracted, null);
  }

  private static Outcome refused(DecodeException e) {
    assertNotNull(e.tag());
    assertNotNull(e.getMessage());
    return new Outcome(null, e.tag());
  }

  /**
   * Runs one decoding and fails if it allocated more than the budget for the body's size. Over the
   * budget it runs again before failing: the first run of a code path also pays for loading and
   * instrumenting its classes.
   */
  public static <T> T budgeted(byte[] body, Supplier<T> decoding) {
    long budget = ALLOCATION_FIXED + ALLOCATION_PER_BYTE * body.length;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    T result = decoding.get();
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (allocated > budget) {
      before = THREADS.getCurrentThreadAllocatedBytes();
      result = decoding.get();
      allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    }
    if (allocated > budget) {
      throw new AssertionError("decoding " + body.length + " bytes allocated " + allocated
          + " bytes, over the budget of " + budget);
    }
    return result;
  }
}
