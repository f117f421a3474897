import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import org.httpsnotif.receiver.config.Tls;
import org.httpsnotif.receiver.http.Native;
import org.httpsnotif.receiver.http.ServerOptions;

/**
 * The ceiling the receiver is measured against: a Vert.x HTTPS server with the receiver's TLS
 * set-up and instance count that reads each body whole and answers 204, no decoding, no storage.
 * Run from the repository: {@code java -cp target/https-notif-receiver.jar bench/BareServer.java
 * PORT CERT KEY INSTANCES}.
 */
public final class BareServer extends VerticleBase {

  private final int port;
  private final String cert;
  private final String key;

  BareServer(int port, String cert, String key) {
    this.port = port;
    this.cert = cert;
    this.key = key;
  }

  @Override
  public Future<?> start() {
    // The receiver's own TLS options, so the ceiling moves with them.
    HttpServerOptions options = ServerOptions.tls(new Tls(Path.of(cert), Path.of(key), null), "127.0.0.1", port);
    return vertx.createHttpServer(options)
        .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(204).end()))
        .listen();
  }

  public static void main(String[] args) {
    // As the receiver's Main does, so that on Java 25+ the ceiling keeps the same Netty paths.
    Native.keepUnsafe(System.getProperties(), Runtime.version().feature());
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(Native.vertxOptions());
    vertx.deployVerticle(() -> new BareServer(port, args[1], args[2]), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("bare server on https://127.0.0.1:" + port + "/ instances " + instances + "; " + Native.describe(vertx)))
        .onFailure(e -> { e.printStackTrace(); System.exit(1); });
  }
}
