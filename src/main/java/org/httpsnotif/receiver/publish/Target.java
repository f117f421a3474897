package org.httpsnotif.receiver.publish;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/** Where the receiver is: the base URL publishers are configured with. */
record Target(boolean tls, String host, int port, String basePath) {

  static Target parse(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("the URL must start with https:// (or http://): " + url);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the URL has no host: " + url);
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Target(tls, uri.getHost(), port, path);
  }

  String relayPath() {
    return basePath + "/relay-notification";
  }

  String capabilitiesPath() {
    return basePath + "/capabilities";
  }

  RequestOptions request(HttpMethod method, String path) {
    return new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path);
  }

  @Override
  public String toString() {
    return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
        + basePath + "/";
  }
}
