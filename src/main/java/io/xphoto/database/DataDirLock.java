package io.xphoto.database;

import io.xphoto.config.Settings;
import io.xphoto.config.StartRefused;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process's claim on a data directory whose embedded PostgreSQL it runs: an OS lock on
 * {@code <data dir>/server.lock}, which holds the owner's pid. The OS drops the lock when the process ends,
 * however it ends, so a free lock means no server uses the directory (a postmaster still running there is a
 * leftover), and a held one means another server's PostgreSQL must not be touched.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE = "server.lock";

  /**
   * The directories this JVM holds. A second channel on the file must not even be opened here: POSIX locks
   * belong to the process, and closing any descriptor of the file would release them.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final FileChannel channel;

  private DataDirLock(Path directory, FileChannel channel) {
    this.directory = directory;
    this.channel = channel;
  }

  /**
   * Takes the lock (creating the directory and the file if missing) and writes this process's pid in it,
   * or refuses with {@link InUse} without changing anything.
   */
  public static DataDirLock acquire(Path dataDir) throws IOException, InUse {
    Files.createDirectories(dataDir);
    Path directory = dataDir.toRealPath();
    if (!HELD_HERE.add(directory)) {
      throw new InUse(directory, Long.toString(ProcessHandle.current().pid()));
    }
    try {
      return lock(directory);
    } catch (IOException | InUse | RuntimeException e) {
      HELD_HERE.remove(directory);
      throw e;
    }
  }

  private static DataDirLock lock(Path directory) throws IOException, InUse {
    FileChannel channel = FileChannel.open(directory.resolve(FILE),
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (tryLock(channel) == null) {
        throw new InUse(directory, holder(channel));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new DataDirLock(directory, channel);
    } catch (IOException | InUse | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer content = ByteBuffer.allocate(32);
    channel.read(content, 0);
    String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
    return pid.isEmpty() ? "unknown" : pid;
  }

  /** Releases the lock (the file stays: removing it could let two servers lock two different files). */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel in any case
    } finally {
      HELD_HERE.remove(directory);
    }
  }

  /** The data directory is locked by a running server. */
  public static final class InUse extends StartRefused {

    private final String pid;

    private InUse(Path directory, String pid) {
      super("data directory " + directory + " is in use by another xphoto server (pid " + pid + "): stop it, "
          + "or give this one its own " + Settings.envName("data.dir"));
      this.pid = pid;
    }

    /** The holder's pid, as it wrote it. */
    public String pid() {
      return pid;
    }
  }
}
