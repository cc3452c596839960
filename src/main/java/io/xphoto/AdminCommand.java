package io.xphoto;

import io.xphoto.config.Settings;
import io.xphoto.database.Database;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.database.EmbeddedPostgres;
import io.xphoto.db.AccountAdmin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code admin grant <username>} / {@code admin revoke <username>}: changes an account's role in the
 * installation's database, whether a server is running or not. An external database ({@code db.url}) is
 * used directly; an embedded one is reached through the running server's PostgreSQL, or started for the
 * change (never a second time under a running server, which would stop the server's).
 */
public final class AdminCommand {

  private AdminCommand() {
  }

  /** Returns the process exit code: 0 done, 1 no such account, 2 usage. */
  public static int run(Settings settings, List<String> args, PrintStream out) throws Exception {
    if (args.size() != 2 || !(args.get(0).equals("grant") || args.get(0).equals("revoke"))) {
      out.println("usage: admin grant <username> | admin revoke <username>");
      return 2;
    }
    String username = args.get(1);
    String role = args.get(0).equals("grant") ? "admin" : "user";
    boolean found;
    Path dataDir = Path.of(settings.string("data.dir")).toAbsolutePath().normalize();
    Optional<DatabaseTarget> running = settings.string("db.url").isEmpty()
        ? EmbeddedPostgres.running(dataDir.resolve("postgres")) : Optional.empty();
    if (running.isPresent()) {
      found = AccountAdmin.setRole(running.get(), username, role);
    } else {
      try (Database database = Database.prepare(settings, dataDir)) {
        found = AccountAdmin.setRole(database.target(), username, role);
      }
    }
    if (!found) {
      out.println("no account named " + username);
      return 1;
    }
    out.println(username + (role.equals("admin") ? " is now an admin" : " is no longer an admin"));
    return 0;
  }
}
