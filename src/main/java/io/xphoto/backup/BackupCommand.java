package io.xphoto.backup;

import io.vertx.core.json.JsonObject;
import io.xphoto.config.Settings;
import io.xphoto.database.Database;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.database.EmbeddedPostgres;
import io.xphoto.database.InstallationDatabase;
import io.xphoto.storage.LocalDiskBackend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup <file>}: an online backup of the installation the settings name, while its server runs (or
 * not): the embedded database ({@link DatabaseCopy}), then the local objects, then the secrets the server
 * generated, and a manifest ({@value #MANIFEST}). The objects are copied after the database's backup has
 * ended: an object is forced to the disk before its row commits, so every row in the backup has its object
 * (objects of later rows are orphans, which the server's sweep removes). It never takes the data dir's lock
 * from a running server; with no server running it takes it, and starts the embedded database for the copy.
 */
public final class BackupCommand {

  static final String MANIFEST = "xphoto-backup.json";
  static final String FORMAT = "xphoto-backup/1";
  static final String OBJECTS = "objects/";
  static final String JWT_SECRET = "jwt-secret";
  /** The embedded database's generated password (its role has it): only with that database. */
  static final String DATABASE_PASSWORD = "postgres/password";

  private BackupCommand() {
  }

  /** Returns the exit code: 0 written, 2 usage (or the file exists), 3 nothing to back up or the backup failed. */
  public static int run(Settings settings, List<String> args, PrintStream out) throws Exception {
    if (args.size() != 1) {
      out.println("usage: backup <file>");
      return 2;
    }
    Path file = Path.of(args.get(0)).toAbsolutePath().normalize();
    if (Files.exists(file)) {
      out.println(file + " exists: name a new file");
      return 2;
    }
    Path dataDir = Path.of(settings.string("data.dir")).toAbsolutePath().normalize();
    boolean embedded = Database.isEmbedded(settings);
    boolean localObjects = settings.string("storage").equals("local");
    Path home = dataDir.resolve("postgres");
    if (embedded && !EmbeddedPostgres.isInitialised(home)) {
      out.println("no xphoto installation in " + dataDir + " (it has no embedded database): name the installation with "
          + Settings.envName("data.dir") + " or " + Settings.envName("db.url"));
      return 3;
    }
    out.println("backing up " + dataDir + ": " + (embedded ? "the embedded database (online), " : "")
        + (localObjects ? "the objects (storage=local), " : "") + "the generated secrets; not the face models");
    if (!embedded) {
      out.println("NOT in this backup: the external database " + Database.describe(settings) + ": back it up with pg_dump "
          + "or your provider's backups, BEFORE this backup, so that every row it holds has its object here");
    }
    if (!localObjects) {
      out.println("NOT in this backup: the objects of bucket " + settings.string("s3.bucket") + " at "
          + settings.string("s3.endpoint") + ": copy them with the store's own tools (bucket replication, mc mirror) "
          + "AFTER the database's backup");
    }
    if (!embedded) {
      return write(file, dataDir, settings, Optional.empty(), out);
    }
    Optional<InstallationDatabase> database = InstallationDatabase.open(settings, dataDir, false, out);
    if (database.isEmpty()) {
      return 3;
    }
    try (InstallationDatabase opened = database.get()) {
      return write(file, dataDir, settings, Optional.of(opened.target()), out);
    }
  }

  private static int write(Path file, Path dataDir, Settings settings, Optional<DatabaseTarget> database,
                           PrintStream out) throws Exception {
    Instant started = Instant.now();
    JsonObject manifest = new JsonObject().put("format", FORMAT).put("started", started.toString());
    try (BackupTar tar = BackupTar.create(file)) {
      if (database.isPresent()) {
        DatabaseCopy.Result copied = DatabaseCopy.copy(database.get(), dataDir.resolve("postgres/cluster"), tar);
        manifest.put("database", new JsonObject().put("included", true).put("postgres", copied.postgresVersion())
            .put("schemaVersion", copied.schemaVersion()).put("walStart", copied.startLsn())
            .put("walStop", copied.stopLsn()).put("walSegments", copied.walSegments())
            .put("consistentAsOf", copied.stoppedAt().toString()));
      } else {
        manifest.put("database", new JsonObject().put("included", false).put("external", Database.describe(settings)));
      }
      if (settings.string("storage").equals("local")) {
        manifest.put("objects", copyObjects(LocalDiskBackend.directory(dataDir), tar));
      } else {
        manifest.put("objects", new JsonObject().put("included", false).put("storage", settings.string("storage"))
            .put("bucket", settings.string("s3.bucket")));
      }
      JsonObject secrets = new JsonObject();
      List<String> secretFiles = database.isPresent() ? List.of(JWT_SECRET, DATABASE_PASSWORD) : List.of(JWT_SECRET);
      for (String secret : secretFiles) {
        Path path = dataDir.resolve(secret);
        secrets.put(secret, Files.exists(path) && tar.file(secret, path) >= 0);
      }
      manifest.put("secrets", secrets).put("models", "not included: ./run.sh (setup/assets.sh) fetches them");
      manifest.put("finished", Instant.now().toString());
      tar.bytes(MANIFEST, manifest.encodePrettily().getBytes(StandardCharsets.UTF_8), 0644);
      tar.commit();
      out.println("backup written to " + file + " (" + tar.fileBytes() / (1024 * 1024) + " MiB" + summary(manifest)
          + "), consistent as of " + manifest.getJsonObject("database").getString("consistentAsOf", manifest.getString("finished")));
      return 0;
    } catch (IOException | SQLException e) {
      out.println("backup failed, no file written: " + e.getMessage());
      return 3;
    }
  }

  private static String summary(JsonObject manifest) {
    JsonObject objects = manifest.getJsonObject("objects");
    return objects.getBoolean("included") ? ", " + objects.getInteger("count") + " objects" : "";
  }

  /** Every object file (not the temporary files of writes under way); one removed meanwhile is left out. */
  private static JsonObject copyObjects(Path directory, BackupTar tar) throws IOException {
    int count = 0;
    long bytes = 0;
    if (Files.isDirectory(directory)) {
      List<Path> files = LiveTree.paths(directory, path -> !path.getFileName().toString().startsWith(".upload-"))
          .stream().filter(Files::isRegularFile).sorted().toList();
      tar.directory(OBJECTS, directory);
      for (Path path : files) {
        long size = tar.file(OBJECTS + directory.relativize(path).toString().replace('\\', '/'), path);
        if (size >= 0) {
          count++;
          bytes += size;
        }
      }
    }
    return new JsonObject().put("included", true).put("count", count).put("bytes", bytes);
  }
}
