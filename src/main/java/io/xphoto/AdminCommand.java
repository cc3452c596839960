package io.xphoto;

import io.xphoto.config.Settings;
import io.xphoto.database.Database;
import io.xphoto.database.EmbeddedPostgres;
import io.xphoto.database.InstallationDatabase;
import io.xphoto.db.AccountAdmin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code admin grant <username>} / {@code admin revoke <username>}: changes an account's role in the
 * installation's database, whether a server is running or not. An external database ({@code db.url}) is
 * used directly; an embedded one is reached through the running server's PostgreSQL (the server holds the
 * {@link DataDirLock}), or, when none runs, started for the change under the lock. A data directory without
 * an embedded database is not an installation: nothing is created there.
 */
public final class AdminCommand {

  private AdminCommand() {
  }

  /** Returns the process exit code: 0 done, 1 no such account, 2 usage, 3 no installation's database to change. */
  public static int run(Settings settings, List<String> args, PrintStream out) throws Exception {
    if (args.size() != 2 || !(args.get(0).equals("grant") || args.get(0).equals("revoke"))) {
      out.println("usage: admin grant <username> | admin revoke <username>");
      return 2;
    }
    String username = args.get(1);
    String role = args.get(0).equals("grant") ? "admin" : "user";
    Path dataDir = Path.of(settings.string("data.dir")).toAbsolutePath().normalize();
    Optional<Boolean> found;
    if (Database.isEmbedded(settings)) {
      found = setRoleEmbedded(settings, dataDir, username, role, out);
    } else {
      try (Database database = Database.prepare(settings, dataDir)) {
        found = Optional.of(AccountAdmin.setRole(database.target(), username, role));
      }
    }
    if (found.isEmpty()) {
      return 3;
    }
    if (!found.get()) {
      out.println("no account named " + username);
      return 1;
    }
    out.println(username + (role.equals("admin") ? " is now an admin" : " is no longer an admin"));
    return 0;
  }

  /** Whether the account was found; empty, once said, when there is no embedded database to change. */
  private static Optional<Boolean> setRoleEmbedded(Settings settings, Path dataDir, String username, String role,
                                                   PrintStream out) throws Exception {
    Path home = dataDir.resolve("postgres");
    if (!EmbeddedPostgres.isInitialised(home)) {
      out.println("no xphoto installation in " + dataDir + " (it has no embedded database): start the server "
          + "there once, or name the installation with " + Settings.envName("data.dir") + " or "
          + Settings.envName("db.url"));
      return Optional.empty();
    }
    Optional<InstallationDatabase> database = InstallationDatabase.open(settings, dataDir, true, out);
    if (database.isEmpty()) {
      return Optional.empty();
    }
    try (InstallationDatabase opened = database.get()) {
      return Optional.of(AccountAdmin.setRole(opened.target(), username, role));
    }
  }
}
