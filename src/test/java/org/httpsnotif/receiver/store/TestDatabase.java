package org.httpsnotif.receiver.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.httpsnotif.receiver.config.Database;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh, empty database on a real PostgreSQL for one test class (design decision 9): on the
 * server of {@code PG_TEST_URI} when set, else in a Testcontainers PostgreSQL when Docker
 * answers, else the test fails with a clear message under CI and is skipped elsewhere.
 */
public final class TestDatabase implements AutoCloseable {

  private static PostgreSQLContainer<?> container;

  private final Database server;
  private final Database database;

  private TestDatabase(Database server, Database database) {
    this.server = server;
    this.database = database;
  }

  public static TestDatabase create() {
    Database server = server();
    String name = "hnr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(server, "CREATE DATABASE " + name);
    return new TestDatabase(
        server, new Database(server.host(), server.port(), name, server.user(), server.password()));
  }

  /** The database to point a receiver at. */
  public Database database() {
    return database;
  }

  /** Runs one statement in the test database, returning the first column of the first row. */
  public long count(String sql) {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    execute(server, "DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
  }

  private static synchronized Database server() {
    String uri = System.getenv("PG_TEST_URI");
    if (uri != null && !uri.isBlank()) {
      return Database.resolve(uri, System.getenv());
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      if (container == null) {
        container = new PostgreSQLContainer<>("postgres:15");
        container.start();
      }
      return new Database(
          container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
          container.getUsername(), container.getPassword());
    }
    String message =
        "No PostgreSQL for the tests: set PG_TEST_URI (e.g. postgresql://127.0.0.1:5432/test)"
            + " or make Docker available for Testcontainers";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(message);
    }
    Assumptions.abort(message);
    return null;
  }

  private static void execute(Database db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + db.describe() + ": " + e.getMessage(), e);
    }
  }

}
