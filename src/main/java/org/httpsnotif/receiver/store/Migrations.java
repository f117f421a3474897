package org.httpsnotif.receiver.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.httpsnotif.receiver.config.Database;

/** Brings the schema to the newest version in {@code sql/}; blocking, run once at start-up. */
public final class Migrations {

  private Migrations() {}

  /** Flyway serialises concurrent receivers starting on one database with an advisory lock. */
  public static MigrateResult run(Database database) {
    return Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/migration")
        .connectRetries(0)
        .load()
        .migrate();
  }
}
