package org.httpsnotif.receiver.publish;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one worker saw; workers' recorders add up into the total. Every answer is counted by
 * status; latency is recorded for requests due after the warm-up, in microseconds.
 */
final class Recorder {

  /** A response: its status, the protocol it came over, and its body when it was not a 2xx. */
  record Answer(int status, HttpVersion version, Buffer body) {}

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
  private static final int FAILURE_SAMPLES = 5;

  /** From when each request was due (equal to sent, flat out). */
  final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
  /** From when each request was actually sent. */
  final Histogram service = new Histogram(HIGHEST_MICROS, 3);
  final Map<Integer, Long> statuses = new TreeMap<>();
  final Map<String, Long> errors = new TreeMap<>();
  final Map<String, Long> versions = new TreeMap<>();
  final List<String> failures = new ArrayList<>();
  private final long warmupNanos;
  long sent;
  long bytesSent;
  long answered;
  long acknowledged;
  long measured;
  long measuredOk;
  long measuredBytes;
  /** Length of the measured window, once known. */
  long windowNanos;
  private long windowStart;
  private long lastMeasured;

  Recorder(long warmupNanos) {
    this.warmupNanos = warmupNanos;
  }

  void begin(long windowStart) {
    this.windowStart = windowStart;
  }

  void sent(int bytes) {
    sent++;
    bytesSent += bytes;
  }

  /** Sending stopped: at the deadline the window is the duration, else it ends with the last answer. */
  void stopped(long now, boolean atDeadline) {
    windowNanos = atDeadline ? now - windowStart : -1;
  }

  void answered(Payload payload, long due, long sentAt, long now, Answer answer, Throwable error) {
    answered++;
    boolean ok = false;
    if (answer != null) {
      statuses.merge(answer.status(), 1L, Long::sum);
      versions.merge(answer.version().alpnName(), 1L, Long::sum);
      ok = answer.status() / 100 == 2;
      if (!ok && failures.size() < FAILURE_SAMPLES) {
        failures.add(payload.name() + ": " + answer.status() + " " + text(answer.body()));
      }
    } else {
      errors.merge(describe(error), 1L, Long::sum);
      if (failures.size() < FAILURE_SAMPLES) {
        failures.add(payload.name() + ": " + describe(error));
      }
    }
    if (ok) {
      acknowledged++;
    }
    if (due >= windowStart) {
      measured++;
      measuredBytes += payload.size();
      lastMeasured = Math.max(lastMeasured, now);
      if (ok) {
        measuredOk++;
      }
      latency.recordValue(Math.min(HIGHEST_MICROS, (now - due) / 1000));
      service.recordValue(Math.min(HIGHEST_MICROS, (now - sentAt) / 1000));
    }
  }

  /** Adds another worker's recording to this one. */
  void add(Recorder other) {
    latency.add(other.latency);
    service.add(other.service);
    other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
    other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    other.versions.forEach((k, v) -> versions.merge(k, v, Long::sum));
    other.failures.stream().limit(Math.max(0, FAILURE_SAMPLES - failures.size())).forEach(failures::add);
    sent += other.sent;
    bytesSent += other.bytesSent;
    answered += other.answered;
    acknowledged += other.acknowledged;
    measured += other.measured;
    measuredOk += other.measuredOk;
    measuredBytes += other.measuredBytes;
    long window = other.windowNanos >= 0 ? other.windowNanos : other.lastMeasured - other.windowStart;
    windowNanos = Math.max(windowNanos, window);
  }

  /** Every request answered, and every answer a 2xx. */
  boolean allAcknowledged() {
    return errors.isEmpty() && acknowledged == sent && answered == sent;
  }

  long warmupNanos() {
    return warmupNanos;
  }

  private static String text(Buffer body) {
    if (body == null || body.length() == 0) {
      return "";
    }
    String s = body.getString(0, Math.min(body.length(), 300), StandardCharsets.UTF_8.name());
    return s.replaceAll("\\s+", " ").trim();
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
