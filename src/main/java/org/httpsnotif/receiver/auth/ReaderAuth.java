package org.httpsnotif.receiver.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.httpsnotif.receiver.http.Errors;

/**
 * Guards the api listener: a bearer token from the tokens file, or Basic credentials of a reader.
 * Tokens are stored as SHA-256 digests: they are long random strings, so a slow hash adds nothing.
 */
public final class ReaderAuth implements Handler<RoutingContext> {

  private final CredentialFile tokens;
  private final Optional<BasicVerifier> basic;

  public ReaderAuth(CredentialFile tokens, Optional<BasicVerifier> basic) {
    this.tokens = tokens;
    this.basic = basic;
  }

  public boolean configured() {
    return !tokens.isEmpty() || basic.isPresent();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<String> name = tokens.nameOf(BasicVerifier.digest(authorization.substring(7).trim()));
      if (name.isPresent()) {
        ctx.put("reader", name.get());
        ctx.next();
      } else {
        refuse(ctx, "unknown bearer token");
      }
      return;
    }
    if (basic.isPresent() && authorization != null) {
      basic.get().verify(authorization).onComplete(user -> {
        if (user.succeeded() && user.result().isPresent()) {
          ctx.put("reader", user.result().get());
          ctx.next();
        } else {
          refuse(ctx, "wrong user name or password");
        }
      });
      return;
    }
    refuse(ctx, "credentials are required");
  }

  private void refuse(RoutingContext ctx, String message) {
    StringBuilder challenges = new StringBuilder();
    if (!tokens.isEmpty()) {
      challenges.append("Bearer realm=\"").append(PublisherAuth.REALM).append('"');
    }
    if (basic.isPresent()) {
      challenges.append(challenges.length() > 0 ? ", " : "")
          .append("Basic realm=\"").append(PublisherAuth.REALM).append("\", charset=\"UTF-8\"");
    }
    ctx.response().putHeader("WWW-Authenticate", challenges.toString());
    Errors.send(ctx.request(), 401, message);
  }
}
