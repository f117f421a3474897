package org.httpsnotif.receiver.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Feeds a body to a fresh decoder in the ways a network delivers it. */
public final class Splits {

  public static final Path SAMPLES = Path.of("src/test/resources/samples");

  private Splits() {}

  /** Feeds whole, one byte at a time and in 20 seeded random splits; all results must agree. */
  public static List<Extracted> everyWay(Supplier<BodyDecoder> decoders, byte[] body)
      throws DecodeException {
    List<Extracted> results = new ArrayList<>();
    results.add(feed(decoders.get(), body, List.of(body.length)));
    results.add(feedBody(decoders.get(), body, List.of(body.length)));
    List<Integer> ones = new ArrayList<>();
    for (int i = 0; i < body.length; i++) {
      ones.add(1);
    }
    results.add(feed(decoders.get(), body, ones));
    Random random = new Random(body.length);
    for (int run = 0; run < 20; run++) {
      List<Integer> sizes = new ArrayList<>();
      int left = body.length;
      while (left > 0) {
        int n = Math.min(left, 1 + random.nextInt(Math.max(1, body.length / 4)));
        sizes.add(n);
        left -= n;
      }
      results.add(feed(decoders.get(), body, sizes));
      results.add(feedBody(decoders.get(), body, sizes));
    }
    return results;
  }

  /** Feeds the body in chunks of the given sizes, each through a fresh array as Netty would. */
  public static Extracted feed(BodyDecoder decoder, byte[] body, List<Integer> sizes)
      throws DecodeException {
    int off = 0;
    for (int size : sizes) {
      byte[] chunk = new byte[size + 2];
      System.arraycopy(body, off, chunk, 1, size);
      decoder.feed(chunk, 1, size);
      off += size;
    }
    return decoder.end();
  }

  /**
   * Feeds the body in chunks of the given sizes as the receiver does: through {@link
   * BodyDecoder#feedBody}, into one array that holds the body so far, sized by the first chunk and
   * grown by copying.
   */
  public static Extracted feedBody(BodyDecoder decoder, byte[] body, List<Integer> sizes)
      throws DecodeException {
    byte[] whole = new byte[sizes.isEmpty() ? 0 : sizes.get(0)];
    int off = 0;
    for (int size : sizes) {
      if (off + size > whole.length) {
        whole = Arrays.copyOf(whole, Math.max(off + size, 2 * whole.length));
      }
      System.arraycopy(body, off, whole, off, size);
      decoder.feedBody(whole, off, size);
      off += size;
    }
    return decoder.end();
  }

  public static byte[] read(String relative) {
    try {
      return Files.readAllBytes(SAMPLES.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sample files under a folder whose names end with the suffix, relative to SAMPLES. */
  public static List<String> samples(String suffix) {
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix))
          .map(p -> SAMPLES.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
