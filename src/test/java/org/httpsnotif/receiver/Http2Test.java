package org.httpsnotif.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.httpsnotif.receiver.decode.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP/2 by ALPN: many notifications as concurrent streams of one connection, each stored. */
class Http2Test {

  private static final int STREAMS = 300;

  @RegisterExtension static final ReceiverExtension FIXTURE = new ReceiverExtension();

  @Test
  void manyConcurrentStreamsOnOneConnection() {
    Vertx vertx = Vertx.vertx();
    AtomicInteger connections = new AtomicInteger();
    try {
      HttpClient client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false).setUseAlpn(true)
              .setProtocolVersion(HttpVersion.HTTP_2).setHttp2MultiplexingLimit(STREAMS))
          .with(new PoolOptions().setHttp2MaxSize(1))
          .withConnectHandler(connection -> connections.incrementAndGet())
          .build();
      long before = FIXTURE.rows();
      List<String> files = List.of("devices/huawei-ne8000/push-update-small.json", "reference/data.xml",
          "devices/6wind-vsr-cbor/msg-0002-pub0-mid2.cbor");
      List<String> types = List.of("application/yang-data+json", "application/yang-data+xml", "application/yang-data+cbor");
      List<Future<HttpVersion>> answers = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        Buffer body = Buffer.buffer(Splits.read(files.get(i % 3)));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(FIXTURE.receiver().options.ingestPort).setURI("/relay-notification")
            .putHeader("Content-Type", types.get(i % 3));
        answers.add(client.request(request).compose(req -> req.send(body)).compose(resp -> {
          if (resp.statusCode() != 204) {
            return Future.failedFuture("status " + resp.statusCode());
          }
          return resp.end().map(v -> resp.version());
        }));
      }
      for (Future<HttpVersion> answer : answers) {
        assertEquals(HttpVersion.HTTP_2, answer.await());
      }
      assertEquals(1, connections.get());
      assertEquals(before + STREAMS, FIXTURE.rows());
    } finally {
      vertx.close().await();
    }
  }
}
