package io.xphoto.database;

import io.xphoto.config.Settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded database of an installation, for a command run beside its server or without it (`./run.sh admin`,
 * `backup`): the running server's PostgreSQL when the server holds the data dir's lock, else one started here
 * under that lock, until {@link #close}.
 */
public final class InstallationDatabase implements AutoCloseable {

  private final DatabaseTarget target;
  /** Stops what was started here (a Database or an EmbeddedPostgres, whose close() throws nothing). */
  private final Runnable started;
  private final DataDirLock lock;

  private InstallationDatabase(DatabaseTarget target, Runnable started, DataDirLock lock) {
    this.target = target;
    this.started = started;
    this.lock = lock;
  }

  /**
   * Empty, once said on {@code out}, when the server runs but its PostgreSQL does not (being restarted).
   *
   * @param migrate whether a database started here is migrated first (Flyway), or only started
   */
  public static Optional<InstallationDatabase> open(Settings settings, Path dataDir, boolean migrate, PrintStream out)
      throws Exception {
    Path home = dataDir.resolve("postgres");
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (DataDirLock.InUse serverRunning) {
      Optional<DatabaseTarget> running = EmbeddedPostgres.running(home);
      if (running.isEmpty()) {
        out.println("the xphoto server using " + dataDir + " (pid " + serverRunning.pid() + ") has no PostgreSQL "
            + "running right now: try again once it runs");
      }
      return running.map(target -> new InstallationDatabase(target, null, null));
    }
    try {
      if (migrate) {
        Database database = Database.prepare(settings, dataDir);
        return Optional.of(new InstallationDatabase(database.target(), database::close, lock));
      }
      EmbeddedPostgres postgres = EmbeddedPostgres.start(home, 0);
      return Optional.of(new InstallationDatabase(postgres.target(), postgres::close, lock));
    } catch (Exception e) {
      lock.close();
      throw e;
    }
  }

  public DatabaseTarget target() {
    return target;
  }

  @Override
  public void close() {
    try {
      if (started != null) {
        started.run();
      }
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }
}
