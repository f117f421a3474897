package org.httpsnotif.receiver.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.httpsnotif.receiver.auth.AuthFailure;
import org.httpsnotif.receiver.auth.Identity;
import org.httpsnotif.receiver.auth.PublisherAuth;
import org.httpsnotif.receiver.http.Errors;

/**
 * The publisher-facing resources, looked up by exact path: under each base path,
 * {@code capabilities} (GET) and {@code relay-notification} (POST), plus the plural spelling of
 * -09 to -13 and the -04 style POST to the base path itself. Anything else is 404, or 405 with
 * {@code Allow}.
 */
public final class IngestRoutes implements Handler<HttpServerRequest> {

  private enum Kind {
    CAPABILITIES,
    RELAY
  }

  private record Resource(Kind kind, String basePath) {}

  private final Map<String, Resource> resources = new HashMap<>();
  private final Capabilities capabilities;
  private final Relay relay;
  private final PublisherAuth auth;

  public IngestRoutes(Vertx vertx, IngestSettings settings, Capabilities capabilities) {
    this.capabilities = capabilities;
    this.auth = settings.auth();
    this.relay = new Relay(vertx, settings);
    for (String base : settings.basePaths()) {
      resources.put(base.isEmpty() ? "/" : base, new Resource(Kind.RELAY, base));
      resources.put(base + "/relay-notification", new Resource(Kind.RELAY, base));
      resources.put(base + "/relay-notifications", new Resource(Kind.RELAY, base));
      resources.put(base + "/capabilities", new Resource(Kind.CAPABILITIES, base));
    }
  }

  @Override
  public void handle(HttpServerRequest request) {
    Resource resource = resources.get(request.path());
    if (resource == null) {
      Errors.send(request, 404, "no such resource: " + request.path());
      return;
    }
    HttpMethod method = request.method();
    switch (resource.kind()) {
      case CAPABILITIES -> {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
          authenticated(request, identity -> capabilities(request));
        } else {
          notAllowed(request, "GET, HEAD");
        }
      }
      case RELAY -> {
        if (method == HttpMethod.POST) {
          authenticated(request, identity -> relay.handle(request, resource.basePath(), identity));
        } else {
          notAllowed(request, "POST");
        }
      }
    }
  }

  /** Goes on once the publisher is known; the body waits, paused, while credentials are checked. */
  private void authenticated(HttpServerRequest request, Consumer<Identity> then) {
    Future<Identity> identity = auth.authenticate(request);
    if (identity.isComplete()) {
      proceed(request, identity, then);
      return;
    }
    request.pause();
    identity.onComplete(done -> {
      proceed(request, identity, then);
      request.resume();
    });
  }

  private static void proceed(HttpServerRequest request, Future<Identity> identity, Consumer<Identity> then) {
    if (identity.succeeded()) {
      then.accept(identity.result());
    } else if (identity.cause() instanceof AuthFailure failure) {
      if (failure.challenge() != null) {
        request.response().putHeader("WWW-Authenticate", failure.challenge());
      }
      Relay.refuse(request, failure.status(), failure.getMessage());
    } else {
      Relay.refuse(request, 500, "cannot check the credentials: " + identity.cause().getMessage());
    }
  }

  private void capabilities(HttpServerRequest request) {
    Capabilities.Rendition answer = capabilities.negotiate(request.getHeader(HttpHeaders.ACCEPT));
    request
        .response()
        .putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.VARY, "Accept")
        .end(answer.body());
  }

  private static void notAllowed(HttpServerRequest request, String allow) {
    request.response().putHeader(HttpHeaders.ALLOW, allow);
    Errors.send(request, 405, request.method() + " is not allowed on " + request.path() + "; use " + allow);
  }
}
