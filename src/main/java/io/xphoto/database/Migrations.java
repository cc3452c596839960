package io.xphoto.database;

import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations of {@code migrations/} (packaged as {@code db/migration}). */
public final class Migrations {

  private Migrations() {
  }

  public static void apply(DatabaseTarget target) {
    Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
