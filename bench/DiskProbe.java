import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How long the disk takes to flush, with nothing of the receiver running: writes 8 kB and calls
 * fdatasync ({@code force(false)}), as PostgreSQL does for each commit's WAL, at a steady rate, and
 * prints the latency percentiles of each write plus flush. The file (16 MB, rewritten in place like a
 * recycled WAL segment) goes in DIR, which should be on PostgreSQL's disk. Run from the repository:
 * {@code java -cp target/https-notif-receiver.jar bench/DiskProbe.java DIR [PER_SECOND] [SECONDS]}.
 */
public final class DiskProbe {

  private static final int BLOCK = 8192;
  private static final long FILE_SIZE = 16L << 20;

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path file = Files.createTempFile(dir, "disk-probe-", ".tmp");
    Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    long stalls = 0;
    long stalledMicros = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      byte[] bytes = new byte[BLOCK];
      ThreadLocalRandom.current().nextBytes(bytes);
      ByteBuffer block = ByteBuffer.wrap(bytes);
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      long position = 0;
      for (long due = start; due < end; due += interval) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long before = System.nanoTime();
        channel.write(block.clear(), position);
        channel.force(false);
        long took = (System.nanoTime() - before) / 1000;
        micros.recordValue(Math.min(took, micros.getHighestTrackableValue()));
        if (took >= 10_000) {
          stalls++;
          stalledMicros += took;
        }
        position = (position + BLOCK) % FILE_SIZE;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    System.out.printf(
        "%d writes of 8 kB, each followed by fdatasync, at %d/s in %s: p50 %.2f ms, p99 %.2f ms,"
            + " p99.9 %.2f ms, max %.1f ms; %d took 10 ms or more (%.0f ms in all)%n",
        micros.getTotalCount(), rate, dir, ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getMaxValue()), stalls, stalledMicros / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
