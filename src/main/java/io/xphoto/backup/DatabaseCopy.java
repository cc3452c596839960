package io.xphoto.backup;

import io.xphoto.database.DatabaseTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An online copy of the embedded PostgreSQL's cluster through its low-level backup API (PostgreSQL 15+), as
 * {@code pg_basebackup -X fetch} makes it (the embedded binaries have no pg_basebackup): a temporary
 * physical replication slot keeps the WAL from being recycled, {@code pg_backup_start} checkpoints, the
 * files are copied while the server writes on, {@code pg_backup_stop} ends the backup (switching to a new WAL
 * segment) and hands out the {@code backup_label}; then the WAL segments from the backup's start to its stop
 * are copied. Started from it, PostgreSQL replays that WAL and is consistent as of the stop.
 */
final class DatabaseCopy {

  static final String PREFIX = "postgres/cluster/";

  /** Directories whose contents a base backup leaves out (PostgreSQL's own list, basebackup.c). */
  private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_stat_tmp", "pg_replslot", "pg_dynshmem", "pg_notify",
      "pg_serial", "pg_snapshots", "pg_subtrans", "log");
  private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
      "tablespace_map", "pg_internal.init", "current_logfiles", "standby.signal", "recovery.signal");
  private static final Pattern START_WAL = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
  private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

  /** What was copied: the WAL range and the time PostgreSQL ended the backup (the state it restores to). */
  record Result(String postgresVersion, String schemaVersion, String startLsn, String stopLsn, Instant stoppedAt,
                int walSegments) {
  }

  private DatabaseCopy() {
  }

  static Result copy(DatabaseTarget target, Path cluster, BackupTar tar) throws IOException, SQLException {
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl() + "?connectTimeout=5", target.user(),
        target.password()); Statement sql = connection.createStatement()) {
      String version = single(sql, "SHOW server_version");
      String schema = single(sql, "SELECT coalesce(max(version), 'none') FROM flyway_schema_history WHERE success");
      String slot = "xphoto_backup_" + ProcessHandle.current().pid();
      // temporary: dropped with this session, however the backup ends
      sql.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true, true)");
      String startLsn = single(sql, "SELECT pg_backup_start('xphoto backup', true)::text");
      copyCluster(cluster, tar);
      try (ResultSet stop = sql.executeQuery(
          "SELECT lsn::text, labelfile, spcmapfile, pg_walfile_name(lsn), clock_timestamp() FROM pg_backup_stop(false)")) {
        stop.next();
        String stopLsn = stop.getString(1);
        String label = stop.getString(2);
        String tablespaceMap = stop.getString(3);
        String stopSegment = stop.getString(4);
        Instant stoppedAt = stop.getTimestamp(5).toInstant();
        int segments = copyWal(cluster.resolve("pg_wal"), startSegment(label), stopSegment, tar);
        tar.bytes(PREFIX + "backup_label", label.getBytes(StandardCharsets.UTF_8), 0600);
        if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
          tar.bytes(PREFIX + "tablespace_map", tablespaceMap.getBytes(StandardCharsets.UTF_8), 0600);
        }
        sql.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        return new Result(version, schema, startLsn, stopLsn, stoppedAt, segments);
      }
    }
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getString(1);
    }
  }

  private static void copyCluster(Path cluster, BackupTar tar) throws IOException {
    List<Path> paths = LiveTree.paths(cluster, path -> included(cluster, path));
    tar.directory(PREFIX, cluster);
    for (Path path : paths) {
      String name = PREFIX + cluster.relativize(path).toString().replace('\\', '/');
      try {
        if (Files.isDirectory(path)) {
          tar.directory(name, path);
        } else if (Files.isRegularFile(path)) {
          tar.file(name, path);
        }
      } catch (NoSuchFileException removed) {
        // a file or directory dropped during the copy: the WAL replays its removal
      }
    }
  }

  /** Whether a path under the cluster is copied: the emptied directories are, their contents are not. */
  private static boolean included(Path cluster, Path path) {
    Path relative = cluster.relativize(path);
    if (relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString())) {
      return relative.getName(0).toString().equals("pg_wal") && relative.getNameCount() == 2
          && relative.getName(1).toString().equals("archive_status");
    }
    String name = path.getFileName().toString();
    return !SKIPPED_FILES.contains(name) && !name.startsWith("pgsql_tmp");
  }

  private static String startSegment(String label) throws IOException {
    Matcher matcher = START_WAL.matcher(label);
    if (!matcher.find()) {
      throw new IOException("unexpected backup_label from PostgreSQL: no START WAL LOCATION");
    }
    return matcher.group(1);
  }

  /** Copies the segments from {@code first} to {@code last} (same timeline), every one of them or fails. */
  private static int copyWal(Path wal, String first, String last, BackupTar tar) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(wal)) {
      names = files.map(path -> path.getFileName().toString())
          .filter(name -> SEGMENT.matcher(name).matches() || name.endsWith(".history"))
          .filter(name -> name.endsWith(".history") || (name.compareTo(first) >= 0 && name.compareTo(last) <= 0))
          .sorted().toList();
    }
    int segments = 0;
    for (String name : names) {
      if (tar.file(PREFIX + "pg_wal/" + name, wal.resolve(name)) < 0 && !name.endsWith(".history")) {
        throw new IOException("WAL segment " + name + " was removed during the backup");
      }
      segments += name.endsWith(".history") ? 0 : 1;
    }
    long expected = segmentNumber(last) - segmentNumber(first) + 1;
    if (segments != expected) {
      throw new IOException("WAL from " + first + " to " + last + " is incomplete in " + wal + " (" + segments + " of "
          + expected + " segments)");
    }
    return segments;
  }

  /** The segment's position in the WAL (16 MB segments: "log" and "seg" parts of its name). */
  private static long segmentNumber(String name) {
    return Long.parseLong(name.substring(8, 16), 16) * 0x100 + Long.parseLong(name.substring(16, 24), 16);
  }
}
