package io.xphoto.support;

import io.xphoto.database.DatabaseTarget;
import io.xphoto.database.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (the server's own embedded one, under target/), and a fresh,
 * empty database in it for each server a test starts, so that tests never see each other's rows.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestPostgres() {
  }

  public static synchronized DatabaseTarget freshDatabase() throws Exception {
    if (postgres == null) {
      postgres = EmbeddedPostgres.start(Path.of("target", "test-postgres").toAbsolutePath(), 0);
      dropEarlierRunsDatabases(postgres.target());
    }
    DatabaseTarget admin = postgres.target();
    String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (var connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    return new DatabaseTarget(admin.host(), admin.port(), name, admin.user(), admin.password());
  }

  /** The databases of test JVMs that have ended (the cluster is kept across runs; they would pile up in it). */
  private static void dropEarlierRunsDatabases(DatabaseTarget admin) throws Exception {
    try (var connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         var statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (var rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^test_[0-9]+_[0-9]+$'")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      for (String name : names) {
        long pid = Long.parseLong(name.split("_")[1]);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }
}
