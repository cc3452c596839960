package io.xphoto.database;

import io.vertx.pgclient.PgConnectOptions;
import io.xphoto.config.Settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The database the server uses: the one {@code db.url} names, or else an {@link EmbeddedPostgres} under
 * {@code <data.dir>/postgres}, migrated to the current schema either way. The embedded one is restarted
 * whenever it dies while the server runs.
 */
public final class Database implements AutoCloseable {

  private final DatabaseTarget target;
  private final Optional<EmbeddedPostgres> embedded;

  private Database(DatabaseTarget target, Optional<EmbeddedPostgres> embedded) {
    this.target = target;
    this.embedded = embedded;
  }

  public static Database prepare(Settings settings, Path dataDir) throws IOException, InterruptedException {
    Database database;
    if (isEmbedded(settings)) {
      EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), settings.integer("db.embedded-port"));
      postgres.superviseRestarts(settings.duration("db.embedded-restart-min"), settings.duration("db.embedded-restart-max"));
      database = new Database(postgres.target(), Optional.of(postgres));
    } else {
      database = new Database(external(settings), Optional.empty());
    }
    try {
      Migrations.apply(database.target);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** No {@code db.url}: the server runs its own PostgreSQL under the data dir. */
  public static boolean isEmbedded(Settings settings) {
    return settings.string("db.url").isEmpty();
  }

  /** The external database {@code db.url} names, for messages (no password). */
  public static String describe(Settings settings) {
    return external(settings).toString();
  }

  private static DatabaseTarget external(Settings settings) {
    String url = settings.string("db.url");
    PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("jdbc:") ? url.substring(5) : url);
    String user = settings.string("db.user").isEmpty() ? options.getUser() : settings.string("db.user");
    String password = settings.string("db.password").isEmpty() ? options.getPassword() : settings.string("db.password");
    return new DatabaseTarget(options.getHost(), options.getPort(), options.getDatabase(), user, password);
  }

  /** The settings the DB verticle reads, pointing at this database. */
  public Map<String, String> settings() {
    return Map.of("db.url", target.url(), "db.user", target.user(), "db.password", target.password());
  }

  public DatabaseTarget target() {
    return target;
  }

  public Optional<EmbeddedPostgres> embedded() {
    return embedded;
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedPostgres::close);
  }
}
