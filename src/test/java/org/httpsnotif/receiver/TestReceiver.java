package org.httpsnotif.receiver;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.httpsnotif.receiver.config.Database;
import org.httpsnotif.receiver.config.Options;
import org.httpsnotif.receiver.config.Settings;

/** A whole receiver started in-process on free ports, with TLS clients to talk to it. */
public final class TestReceiver implements AutoCloseable {

  /** What came back from one request. */
  public record Response(int status, MultiMap headers, Buffer body, HttpVersion version) {
    public String text() {
      return body.toString();
    }
  }

  public final Options options;
  private final Receiver receiver;
  private final Vertx clientVertx = Vertx.vertx();
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final Client client;

  private TestReceiver(Options options, Receiver receiver) {
    this.options = options;
    this.receiver = receiver;
    this.client = client(new HttpClientOptions());
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

  /** A client with its own options (client certificate, HTTP/2...), trusting the receiver. */
  public Client client(HttpClientOptions base) {
    Client made = new Client(clientVertx.createHttpClient(base.setSsl(true).setTrustAll(true).setVerifyHost(false)));
    // Vert.x 5 closes a client once it is unreachable, even with a request in flight ("Pool
    // closed" in PublisherAuthTest, one run of three): kept here until clientVertx closes them all.
    clients.add(made);
    return made;
  }

  public Response post(String path, String contentType, byte[] body) {
    return client.post(path, contentType, body);
  }

  /** Sends without waiting for the answer. */
  public Future<Response> postAsync(String path, String contentType, byte[] body) {
    return client.postAsync(path, contentType, body, Map.of());
  }

  /** Sends the body chunked (no Content-Length), one write per part. */
  public Response postChunked(String path, String contentType, List<byte[]> parts) {
    RequestOptions request = client.ingestRequest(HttpMethod.POST, path).putHeader("Content-Type", contentType);
    return client.http
        .request(request)
        .compose(req -> {
          req.setChunked(true);
          parts.forEach(part -> req.write(Buffer.buffer(part)));
          req.end();
          return req.response().compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b, resp.version())));
        })
        .await();
  }

  public Response ingest(HttpMethod method, String path, Map<String, String> headers) {
    return client.ingest(method, path, headers);
  }

  public Response api(String pathAndQuery) {
    return client.api(HttpMethod.GET, pathAndQuery, Map.of());
  }

  public Response api(HttpMethod method, String pathAndQuery) {
    return client.api(method, pathAndQuery, Map.of());
  }

  @Override
  public void close() {
    clientVertx.close().await();
    receiver.close().await();
  }

  /** Stops the receiver as SIGTERM does, leaving the test's clients open. */
  public void stopReceiver() {
    receiver.close().await();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One HTTP client towards both listeners. */
  public final class Client {
    final HttpClient http;

    Client(HttpClient http) {
      this.http = http;
    }

    public Response post(String path, String contentType, byte[] body) {
      return postAsync(path, contentType, body, Map.of()).await();
    }

    public Future<Response> postAsync(String path, String contentType, byte[] body, Map<String, String> headers) {
      RequestOptions request = ingestRequest(HttpMethod.POST, path);
      if (contentType != null) {
        request.putHeader("Content-Type", contentType);
      }
      headers.forEach(request::putHeader);
      return send(request, Buffer.buffer(body));
    }

    public Response ingest(HttpMethod method, String path, Map<String, String> headers) {
      RequestOptions request = ingestRequest(method, path);
      headers.forEach(request::putHeader);
      return send(request, null).await();
    }

    public Response api(HttpMethod method, String pathAndQuery, Map<String, String> headers) {
      RequestOptions request = new RequestOptions().setMethod(method).setPort(options.apiPort)
          .setHost("127.0.0.1").setURI(pathAndQuery);
      headers.forEach(request::putHeader);
      return send(request, null).await();
    }

    RequestOptions ingestRequest(HttpMethod method, String path) {
      return new RequestOptions().setMethod(method).setPort(options.ingestPort).setHost("127.0.0.1").setURI(path);
    }

    private Future<Response> send(RequestOptions request, Buffer body) {
      return http
          .request(request)
          .compose(req -> (body == null ? req.send() : req.send(body))
              .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b, resp.version()))));
    }
  }
}
