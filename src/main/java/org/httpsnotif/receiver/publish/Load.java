package org.httpsnotif.receiver.publish;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.httpsnotif.receiver.http.Native;

/**
 * Drives the load: one worker per event loop, each with its own client and its share of the
 * connections, rate and count. Flat out, every free slot (a connection, or a stream of an HTTP/2
 * connection) sends its next request as soon as the last one is answered. At a rate, request i is
 * due at start + i / rate and its latency counts from then, so a receiver that falls behind shows
 * in the latency rather than slowing the schedule (no coordinated omission).
 */
final class Load {

  /**
   * @param connections TCP connections in all
   * @param streams requests in flight per connection (1 for HTTP/1.1, no pipelining)
   * @param rate requests per second in all, 0 for flat out
   * @param count requests after the warm-up, 0 for no bound but the duration
   */
  record Plan(
      Target target,
      HttpClientOptions client,
      boolean http2,
      int connections,
      int streams,
      int threads,
      double rate,
      long warmupNanos,
      long durationNanos,
      long count,
      List<Payload> payloads) {}

  private Load() {}

  /**
   * Runs the plan and returns what was recorded; never fails. Each worker gets a Vert.x instance
   * of its own with one event loop: instances of one deployment are put on event loops round
   * robin from wherever the loop group's counter stands, so two of them often shared a loop and
   * the tool ran on one core while the other idled.
   */
  static Recorder run(Plan plan) {
    int threads = Math.max(1, Math.min(plan.threads(), plan.connections()));
    List<Vertx> loops = new ArrayList<>();
    List<Worker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Vertx vertx = Vertx.vertx(Native.vertxOptions().setEventLoopPoolSize(1));
        loops.add(vertx);
        Worker w = new Worker(plan, i, threads);
        vertx.deployVerticle(w).await();
        workers.add(w);
      }
      long start = System.nanoTime();
      List<Future<Recorder>> done = new ArrayList<>();
      for (Worker w : workers) {
        done.add(w.go(start));
      }
      Future.all(done).await();
      Recorder total = new Recorder(plan.warmupNanos());
      done.forEach(f -> total.add(f.result()));
      return total;
    } finally {
      loops.forEach(vertx -> vertx.close().await());
    }
  }

  /** One event loop's share of the load. */
  private static final class Worker extends VerticleBase {
    private final Plan plan;
    private final int index;
    private final int threads;
    private final int connections;
    private final int slots;
    private final long quota;
    private final long interval;
    private final List<RequestOptions> requests = new ArrayList<>();
    private final Recorder recorder;
    private final Promise<Recorder> finished = Promise.promise();
    private HttpClientAgent client;
    private int free;
    private int payload;
    private long measuredIssued;
    private long warmupEnd;
    private long end;
    private long next;
    private long timer = -1;
    private boolean stopping;

    Worker(Plan plan, int index, int threads) {
      this.plan = plan;
      this.index = index;
      this.threads = threads;
      this.connections = share(plan.connections(), index, threads);
      this.slots = connections * plan.streams();
      this.quota = plan.count() > 0 ? share(plan.count(), index, threads) : Long.MAX_VALUE;
      this.interval = plan.rate() > 0 ? (long) (TimeUnit.SECONDS.toNanos(threads) / plan.rate()) : 0;
      this.recorder = new Recorder(plan.warmupNanos());
      this.free = slots;
      // Workers start at different files of a mix, so the mix is the same in every share of it.
      this.payload = index % plan.payloads().size();
      for (Payload p : plan.payloads()) {
        requests.add(
            plan.target()
                .request(HttpMethod.POST, plan.target().relayPath())
                .putHeader(HttpHeaders.CONTENT_TYPE, p.contentType()));
      }
    }

    private static int share(long total, int index, int parts) {
      return (int) Math.min(Integer.MAX_VALUE, total / parts + (index < total % parts ? 1 : 0));
    }

    @Override
    public Future<?> start() {
      PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setHttp2MaxSize(connections);
      client = vertx.createHttpClient(plan.client(), pool);
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      return client.close();
    }

    /** Starts sending on this worker's event loop; completes once every answer is in. */
    Future<Recorder> go(long start) {
      context.runOnContext(
          v -> {
            warmupEnd = start + plan.warmupNanos();
            end = warmupEnd + plan.durationNanos();
            recorder.begin(warmupEnd);
            if (interval > 0) {
              // Workers take turns within one interval, so their requests interleave evenly.
              next = start + interval * index / threads;
              timer = vertx.setPeriodic(1, id -> pump());
            }
            pump();
          });
      return finished.future();
    }

    private void pump() {
      long now = System.nanoTime();
      while (free > 0 && !stopping) {
        if (now >= end || measuredIssued >= quota) {
          stop(now);
          break;
        }
        long intended = now;
        if (interval > 0) {
          if (next > now) {
            break;
          }
          intended = next;
          next += interval;
        }
        if (intended >= warmupEnd) {
          measuredIssued++;
        }
        free--;
        send(intended);
      }
      if (stopping && free == slots) {
        finished.tryComplete(recorder);
      }
    }

    private void stop(long now) {
      stopping = true;
      recorder.stopped(now, now >= end);
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }

    private void send(long intended) {
      int i = payload;
      payload = (payload + 1) % requests.size();
      Payload p = plan.payloads().get(i);
      Buffer body = p.body();
      long sent = System.nanoTime();
      recorder.sent(body.length());
      client
          .request(requests.get(i))
          .compose(req -> req.send(body))
          .compose(
              resp -> {
                int status = resp.statusCode();
                HttpVersion version = resp.version();
                return status / 100 == 2
                    ? resp.end().map(v -> new Recorder.Answer(status, version, null))
                    : resp.body().map(b -> new Recorder.Answer(status, version, b));
              })
          .onComplete(
              answer -> {
                free++;
                recorder.answered(
                    p, intended, sent, System.nanoTime(), answer.result(), answer.cause());
                pump();
              });
    }
  }
}
