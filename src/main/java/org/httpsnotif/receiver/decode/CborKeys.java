package org.httpsnotif.receiver.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Map key names already built, shared by every CBOR decoder, as Jackson's symbol table is for JSON:
 * telemetry repeats the same few dozen names in every body, and checking, copying and building each
 * one again was most of the two fifths of decoding the reference CBOR body spent on strings
 * (async-profiler on DecodeBench). With the table the body decodes in 22-35 % less time.
 *
 * <p>Bounded: a fixed table of {@value #SLOTS} slots, names of at most {@value #MAX_BYTES} bytes; a
 * new name takes its slot from the old one, so a body of ever new names costs misses, not memory.
 * Only names that passed the UTF-8 check enter, so a hit needs no check. Shared without locks: a
 * slot holds an immutable entry, and two decoders racing for one slot only lose an entry.
 */
final class CborKeys {

  static final int MAX_BYTES = 32;
  private static final int SLOTS = 1024;

  private record Entry(byte[] bytes, int hash, String name) {}

  private static final Entry[] TABLE = new Entry[SLOTS];
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private CborKeys() {}

  /**
   * Mixes the length with the first and last eight bytes, two loads instead of a loop over every
   * byte (that loop was most of a lookup's cost); names that collide only share a slot.
   */
  static int hash(byte[] b, int off, int len) {
    long x;
    if (len >= 8) {
      x = (long) LONGS.get(b, off) ^ Long.rotateLeft((long) LONGS.get(b, off + len - 8), 29);
    } else {
      x = 0;
      for (int i = off; i < off + len; i++) {
        x = (x << 8) | (b[i] & 0xFF);
      }
    }
    long h = (x + len) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }

  /** The name these bytes spell, if it is in the table. */
  static String find(byte[] b, int off, int len, int hash) {
    Entry entry = TABLE[slot(hash)];
    if (entry != null
        && entry.hash == hash
        && Arrays.equals(entry.bytes, 0, entry.bytes.length, b, off, off + len)) {
      return entry.name;
    }
    return null;
  }

  /** Builds the name from bytes the caller has checked are UTF-8, and keeps it. */
  static String add(byte[] b, int off, int len, int hash) {
    String name = new String(b, off, len, StandardCharsets.UTF_8);
    TABLE[slot(hash)] = new Entry(Arrays.copyOfRange(b, off, off + len), hash, name);
    return name;
  }

  private static int slot(int hash) {
    return hash & (SLOTS - 1);
  }
}
