package org.httpsnotif.receiver;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.config.Settings;

/** A whole receiver started in-process on free ports, with a TLS client to talk to it. */
public final class TestReceiver implements AutoCloseable {

  /** What came back from one request. */
  public record Response(int status, MultiMap headers, Buffer body) {
    public String text() {
      return body.toString();
    }
  }

  public final Options options;
  private final Receiver receiver;
  private final Vertx clientVertx = Vertx.vertx();
  private final HttpClient client;

  private TestReceiver(Options options, Receiver receiver) {
    this.options = options;
    this.receiver = receiver;
    this.client =
        clientVertx.createHttpClient(
            new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
  }

  /** Starts a receiver on the database; the customiser may change any option. */
  public static TestReceiver start(Database database, Consumer<Options> customiser) throws Exception {
    Options options = new Options();
    Settings.commandLine(options, new String[0], Map.of()).parseArgs();
    options.ingestPort = freePort();
    options.apiPort = freePort();
    options.httpInstances = 2;
    options.selfSignedDir = Files.createTempDirectory("hnr-certs");
    options.databaseUrl =
        "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/" + database.database();
    customiser.accept(options);
    return new TestReceiver(options, Receiver.start(options, Map.of()));
  }

  public Response post(String path, String contentType, byte[] body) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setPort(options.ingestPort)
        .setHost("127.0.0.1").setURI(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return send(request, Buffer.buffer(body));
  }

  /** Sends without waiting for the answer. */
  public Future<Response> postAsync(String path, String contentType, byte[] body) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setPort(options.ingestPort)
        .setHost("127.0.0.1").setURI(path).putHeader("Content-Type", contentType);
    return sendAsync(request, Buffer.buffer(body));
  }

  /** Sends the body chunked (no Content-Length), one write per part. */
  public Response postChunked(String path, String contentType, List<byte[]> parts) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setPort(this.options.ingestPort)
        .setHost("127.0.0.1").setURI(path).putHeader("Content-Type", contentType);
    return client
        .request(options)
        .compose(req -> {
          req.setChunked(true);
          parts.forEach(part -> req.write(Buffer.buffer(part)));
          req.end();
          return req.response().compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b)));
        })
        .await();
  }

  public Response ingest(HttpMethod method, String path, Map<String, String> headers) {
    RequestOptions request = new RequestOptions().setMethod(method).setPort(options.ingestPort)
        .setHost("127.0.0.1").setURI(path);
    headers.forEach(request::putHeader);
    return send(request, null);
  }

  public Response api(String pathAndQuery) {
    return send(new RequestOptions().setMethod(HttpMethod.GET).setPort(options.apiPort)
        .setHost("127.0.0.1").setURI(pathAndQuery), null);
  }

  public Response api(HttpMethod method, String pathAndQuery) {
    return send(new RequestOptions().setMethod(method).setPort(options.apiPort)
        .setHost("127.0.0.1").setURI(pathAndQuery), null);
  }

  private Response send(RequestOptions request, Buffer body) {
    return sendAsync(request, body).await();
  }

  private Future<Response> sendAsync(RequestOptions request, Buffer body) {
    return client
        .request(request)
        .compose(req -> (body == null ? req.send() : req.send(body))
            .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b))));
  }

  @Override
  public void close() {
    client.close().await();
    clientVertx.close().await();
    receiver.close().await();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a sample file. */
  public static byte[] sample(String relative) {
    try {
      return Files.readAllBytes(Path.of("src/test/resources/samples").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
