package org.httpsnotif.receiver.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.httpsnotif.receiver.auth.Identity;
import org.httpsnotif.receiver.decode.BodyDecoder;
import org.httpsnotif.receiver.decode.BodyFormat;
import org.httpsnotif.receiver.decode.DecodeException;
import org.httpsnotif.receiver.decode.Extracted;
import org.httpsnotif.receiver.http.Errors;
import org.httpsnotif.receiver.store.Notification;

/**
 * POST relay-notification: decodes the body as its chunks arrive, keeps its exact bytes, hands the
 * notification to the persistence verticle and answers 204 only once it is committed.
 */
final class Relay {

  static final String ACCEPTED_TYPES =
      "application/json, application/yang-data+json, application/xml, application/yang-data+xml,"
          + " application/cbor, application/yang-data+cbor";

  private static final int INITIAL_MAX = 1 << 20;
  private static final byte[] NOTHING = new byte[0];

  // What is read and thrown away after an early refusal before the connection is closed.
  private static final long DRAIN_BYTES = 1 << 20;
  private static final long DRAIN_MILLIS = 2_000;

  private final Vertx vertx;
  private final IngestSettings settings;
  // Bodies still arriving. One sweep a second finds those past --body-timeout: a timer set and
  // cancelled per request cost more CPU than the sweep of the few bodies open at any moment.
  private final Set<Body> arriving = new HashSet<>();

  private final Handover handover;

  Relay(Vertx vertx, IngestSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.handover = new Handover(vertx, vertx.getOrCreateContext(), settings.maxGroup());
    vertx.setPeriodic(1000, id -> sweep());
  }

  private void sweep() {
    if (arriving.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    long allowed = TimeUnit.SECONDS.toNanos(settings.bodyTimeoutSeconds());
    List<Body> late = new ArrayList<>();
    for (Body body : arriving) {
      if (now - body.started >= allowed) {
        late.add(body);
      }
    }
    late.forEach(body -> body.fail(408, "invalid-value",
        "the body did not arrive within " + settings.bodyTimeoutSeconds() + " s"));
  }

  void handle(HttpServerRequest request, String basePath, Identity identity) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    Optional<BodyFormat> format = BodyFormat.of(contentType);
    if (format.isEmpty()) {
      String problem =
          contentType == null ? "no Content-Type" : "unsupported media type '" + contentType + "'";
      refuse(request, 415, problem + "; this receiver accepts " + ACCEPTED_TYPES);
      return;
    }
    long declared = declaredLength(request);
    if (declared > settings.bodyLimit()) {
      refuse(request, 413, tooBig());
      return;
    }
    new Body(request, basePath, identity, contentType, format.get(), declared).start();
  }

  private String tooBig() {
    return "the body is larger than the limit of " + settings.bodyLimit() + " bytes";
  }

  private static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** As below, with the error-tag RFC 8040 pairs with the status. */
  static void refuse(HttpServerRequest request, int status, String message) {
    refuse(request, status, Errors.tagFor(status), message);
  }

  /**
   * Answers an error before the body was read whole, then stops taking it: the stream is reset
   * (HTTP/2) or the connection closed (HTTP/1.x) once the rest has been drained, since what follows
   * is of no use.
   */
  private static void refuse(HttpServerRequest request, int status, String tag, String message) {
    boolean unread = !request.isEnded();
    if (unread && request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    request.handler(null);
    Errors.send(request, status, tag, message);
    if (unread) {
      if (request.version() == HttpVersion.HTTP_2) {
        request.response().reset();
      } else {
        drainThenClose(request);
      }
    }
  }

  /**
   * Closing a connection whose sender is still writing makes the kernel answer with a reset, which
   * can reach the sender before it has read the error, leaving it with "connection reset" instead
   * of the status. So a rest of moderate size is read and thrown away first, for a bounded time.
   */
  private static void drainThenClose(HttpServerRequest request) {
    long declared = declaredLength(request);
    long rest = declared < 0 ? 0 : declared - request.bytesRead();
    if (rest > DRAIN_BYTES) {
      request.connection().close();
      return;
    }
    Vertx vertx = Vertx.currentContext().owner();
    long[] drained = {0};
    long timer = vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
    request.handler(chunk -> {
      drained[0] += chunk.length();
      if (drained[0] > DRAIN_BYTES) {
        request.connection().close();
      }
    });
    request.endHandler(v -> {
      vertx.cancelTimer(timer);
      request.connection().close();
    });
  }

  /**
   * The array a chunk's bytes are in when it holds them and nothing else, else null. Vert.x hands
   * each chunk over in a heap buffer of its own, which nothing writes to again: a body that
   * arrives in one chunk, as most do, is then decoded and stored from there without a copy.
   */
  private static byte[] ownArray(Buffer chunk) {
    ByteBuf buf = ((BufferInternal) chunk).getByteBuf();
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0
        && buf.array().length == buf.readableBytes()) {
      return buf.array();
    }
    return null;
  }

  /** One request body on its way through the decoder. */
  private final class Body {
    private final HttpServerRequest request;
    private final String basePath;
    private final Identity identity;
    private final String contentType;
    private final BodyFormat format;
    private final BodyDecoder decoder;
    private final long declared;
    // The body so far, from its first byte; empty until the first chunk.
    private byte[] bytes = NOTHING;
    private int size;
    private boolean failed;
    private long started;

    Body(HttpServerRequest request, String basePath, Identity identity, String contentType, BodyFormat format,
        long declared) {
      this.request = request;
      this.basePath = basePath;
      this.identity = identity;
      this.contentType = contentType;
      this.format = format;
      this.decoder = settings.decoders().forFormat(format);
      this.declared = declared;
    }

    void start() {
      // A sender slower than the body timeout holds a connection and a decoder for nothing.
      started = System.nanoTime();
      arriving.add(this);
      request.handler(this::chunk);
      request.endHandler(v -> end());
    }

    private void chunk(Buffer chunk) {
      if (failed) {
        return;
      }
      int n = chunk.length();
      if ((long) size + n > settings.bodyLimit()) {
        fail(413, "too-big", tooBig());
        return;
      }
      byte[] whole = size == 0 && n == declared ? ownArray(chunk) : null;
      if (whole != null) {
        bytes = whole;
      } else {
        if (size + n > bytes.length) {
          grow(n);
        }
        chunk.getBytes(0, n, bytes, size);
      }
      try {
        decoder.feedBody(bytes, size, n);
      } catch (DecodeException e) {
        // Decoder limits (depth, string length) also give 400: 413 is for the body's size alone.
        fail(400, e.tag().text, e.getMessage());
        return;
      }
      size += n;
    }

    /** Room for {@code n} more bytes. */
    private void grow(int n) {
      // A declared length sizes the array once, up to a bound: a length alone is no promise.
      long wanted = size == 0 && declared >= 0 ? Math.min(declared, INITIAL_MAX) : 4096;
      wanted = Math.max(Math.max(wanted, size + n), 2L * bytes.length);
      bytes = Arrays.copyOf(bytes, (int) Math.min(settings.bodyLimit(), wanted));
    }

    private void end() {
      arriving.remove(this);
      if (failed) {
        return;
      }
      Extracted extracted;
      try {
        extracted = decoder.end();
      } catch (DecodeException e) {
        Errors.send(request, 400, e.tag().text, e.getMessage());
        return;
      }
      // Wrapped, not copied: the array is not written to again once the body has ended.
      Buffer payload = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, size));
      String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
      Notification notification =
          new Notification(
              OffsetDateTime.now(ZoneOffset.UTC),
              extracted,
              identity.name(),
              identity.method(),
              peer,
              basePath.isEmpty() ? "/" : basePath,
              format.encoding(),
              contentType,
              payload);
      handover.add(notification, this::answer);
    }

    /** 204 once stored; 503 with Retry-After when storage could not take it. */
    private void answer(AsyncResult<Void> stored) {
      if (stored.succeeded()) {
        request.response().setStatusCode(204).end();
      } else {
        request
            .response()
            .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(settings.retryAfterSeconds()));
        Errors.send(request, 503, "the notification was not stored: " + stored.cause().getMessage());
      }
    }

    private void fail(int status, String tag, String message) {
      arriving.remove(this);
      if (!failed) {
        failed = true;
        refuse(request, status, tag, message);
      }
    }
  }
}
