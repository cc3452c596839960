package io.xphoto.backup;

import io.vertx.core.json.JsonObject;
import io.xphoto.config.Settings;
import io.xphoto.database.DataDirLock;
import io.xphoto.database.Database;
import io.xphoto.database.EmbeddedPostgres;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code restore <file>}: a {@link BackupCommand} backup into an empty data directory (the one the settings
 * name), under its lock, so no server starts on it half-restored. The embedded database is then started once
 * and stopped: it replays the backup's WAL, which checks the restore and makes the server's next start a
 * normal one. A failed restore leaves the directory empty again.
 */
public final class RestoreCommand {

  private static final Set<String> TOP_LEVEL = Set.of("postgres", "objects", "jwt-secret");

  private RestoreCommand() {
  }

  /** Returns the exit code: 0 restored, 1 refused (directory not empty or in use), 2 usage, 3 failed. */
  public static int run(Settings settings, List<String> args, PrintStream out) throws Exception {
    if (args.size() != 1) {
      out.println("usage: restore <file>");
      return 2;
    }
    Path file = Path.of(args.get(0)).toAbsolutePath().normalize();
    Path dataDir = Path.of(settings.string("data.dir")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      out.println("no backup file " + file);
      return 2;
    }
    if (!isEmpty(dataDir)) {
      out.println(refusal(dataDir));
      return 1;
    }
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (DataDirLock.InUse running) {
      out.println(refusal(dataDir));
      return 1;
    }
    try {
      if (!isEmpty(dataDir)) {
        out.println(refusal(dataDir));
        return 1;
      }
      JsonObject manifest;
      try {
        manifest = extract(file, dataDir);
        syncFileSystem(dataDir);
        if (manifest.getJsonObject("database").getBoolean("included")) {
          EmbeddedPostgres.start(dataDir.resolve("postgres"), 0).close();
        }
      } catch (IOException | RuntimeException e) {
        emptyAgain(dataDir);
        out.println("restore failed, " + dataDir + " is empty again: " + e.getMessage());
        return 3;
      }
      out.println("restored " + file + " into " + dataDir + " (backup of " + manifest.getString("finished") + ")");
      notes(manifest, settings, out);
      return 0;
    } finally {
      lock.close();
    }
  }

  private static String refusal(Path dataDir) {
    return "refusing to restore into " + dataDir + ": it is not empty (a restore goes into an empty data directory; "
        + "name a new one with " + Settings.envName("data.dir") + ")";
  }

  /** Empty, or missing: nothing in it but the lock file (which this command may have created). */
  private static boolean isEmpty(Path dataDir) throws IOException {
    if (!Files.exists(dataDir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      return entries.allMatch(entry -> entry.getFileName().toString().equals(DataDirLock.FILE));
    }
  }

  private static void notes(JsonObject manifest, Settings settings, PrintStream out) {
    JsonObject database = manifest.getJsonObject("database");
    if (database.getBoolean("included")) {
      out.println("database: PostgreSQL " + database.getString("postgres") + ", schema " + database.getString("schemaVersion")
          + ", as of " + database.getString("consistentAsOf") + (Database.isEmbedded(settings) ? ""
          : "; NOTE: " + Settings.envName("db.url") + " is set, so the server will use that database, not this one"));
    } else {
      out.println("database: not in this backup (" + database.getString("external") + "): restore it with your own tools");
    }
    JsonObject objects = manifest.getJsonObject("objects");
    if (objects.getBoolean("included")) {
      out.println("objects: " + objects.getInteger("count") + " (" + objects.getLong("bytes") + " bytes)"
          + (settings.string("storage").equals("local") ? "" : "; NOTE: storage is not local, so the server will not serve them"));
    } else {
      out.println("objects: not in this backup (storage=" + objects.getString("storage") + "): restore the bucket with the store's tools");
    }
    out.println("the face models are not in a backup: ./run.sh fetches them at start");
  }

  /** Writes every entry under the data dir (none outside it) and returns the manifest, which must be there. */
  private static JsonObject extract(Path file, Path dataDir) throws IOException {
    JsonObject manifest = null;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (name.equals(BackupCommand.MANIFEST)) {
          manifest = new JsonObject(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          continue;
        }
        Path path = dataDir.resolve(name).normalize();
        if (!path.startsWith(dataDir) || path.equals(dataDir)
            || !TOP_LEVEL.contains(dataDir.relativize(path).getName(0).toString())) {
          throw new IOException(file + " is not an xphoto backup (entry " + name + ")");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          write(tar, path, entry.getMode());
        } else {
          throw new IOException(file + " is not an xphoto backup (entry " + name + " is neither a file nor a directory)");
        }
      }
    }
    if (manifest == null || !BackupCommand.FORMAT.equals(manifest.getString("format"))) {
      throw new IOException(file + " is not a complete xphoto backup (no " + BackupCommand.MANIFEST + " of format "
          + BackupCommand.FORMAT + ")");
    }
    return manifest;
  }

  /** Written with its permissions from the start (a secret is never readable by others). */
  private static void write(InputStream content, Path path, int mode) throws IOException {
    try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE)))) {
      OutputStream out = Channels.newOutputStream(channel);
      content.transferTo(out);
      out.flush();
    }
    Files.setPosixFilePermissions(path, permissions(mode));
  }

  /**
   * One syncfs(2) of the data dir's file system (coreutils {@code sync -f}) instead of forcing each of the
   * thousands of files: the restore is on the disk before the database starts from it.
   */
  private static void syncFileSystem(Path dataDir) throws IOException {
    try {
      Process sync = new ProcessBuilder("sync", "-f", dataDir.toString()).redirectErrorStream(true).start();
      String output = new String(sync.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (sync.waitFor() != 0) {
        throw new IOException("sync -f " + dataDir + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while syncing " + dataDir, e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission permission : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
        permissions.add(permission);
      }
    }
    return permissions;
  }

  private static void emptyAgain(Path dataDir) throws IOException {
    try (Stream<Path> entries = Files.list(dataDir)) {
      for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(DataDirLock.FILE)).toList()) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(path);
          }
        }
      }
    }
  }
}
