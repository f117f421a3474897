package org.httpsnotif.receiver.config;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where PostgreSQL is, from {@code --database-url} over the standard PG* variables, with libpq's
 * defaults. Both the reactive client (runtime) and JDBC (migrations at start-up) are built from it.
 */
public record Database(String host, int port, String database, String user, String password) {

  /** Connection attempts give up after this, so an unreachable database is reported quickly. */
  public static final int CONNECT_TIMEOUT_SECONDS = 5;

  public static Database resolve(String url, Map<String, String> env) {
    String user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
    Database fromEnv =
        new Database(
            env.getOrDefault("PGHOST", "127.0.0.1"),
            Integer.parseInt(env.getOrDefault("PGPORT", "5432")),
            env.getOrDefault("PGDATABASE", user),
            user,
            env.get("PGPASSWORD"));
    return url == null || url.isBlank() ? fromEnv : fromEnv.overlay(url);
  }

  /** The parts the URL gives replace ours; the rest stays as the environment says. */
  private Database overlay(String url) {
    URI uri = URI.create(url);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "database URL must start with postgresql:// (got '" + uri.getScheme() + "')");
    }
    String u = user;
    String p = password;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      u = decode(parts[0]);
      p = parts.length > 1 ? decode(parts[1]) : p;
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new Database(
        uri.getHost() != null ? uri.getHost() : host,
        uri.getPort() > 0 ? uri.getPort() : port,
        path.isEmpty() ? database : decode(path),
        u,
        p);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setDatabase(database)
            .setUser(user)
            .setCachePreparedStatements(true);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  /** A pool on this database that gives up connecting after the connect timeout. */
  public Pool pool(Vertx vertx, PoolOptions poolOptions) {
    return PgBuilder.pool()
        .with(poolOptions)
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_SECONDS * 1000))
        .connectingTo(connectOptions())
        .using(vertx)
        .build();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database
        + "?connectTimeout=" + CONNECT_TIMEOUT_SECONDS
        + "&loginTimeout=" + (CONNECT_TIMEOUT_SECONDS + 2);
  }

  /** For logs and errors: everything but the password. */
  public String describe() {
    return user + "@" + hostForUrl() + ":" + port + "/" + database;
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
