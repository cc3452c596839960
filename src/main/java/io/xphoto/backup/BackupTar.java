package io.xphoto.backup;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The backup file being written: a POSIX tar, written to {@code <file>.partial} and renamed (after being
 * forced to the disk) only once complete, so a backup file that exists is a whole one. Entries keep their
 * permission bits (the secrets' 0600, the database cluster's 0700).
 */
final class BackupTar implements AutoCloseable {

  private final Path target;
  private final Path partial;
  private final FileChannel channel;
  private final TarArchiveOutputStream tar;
  private long fileBytes;
  private boolean committed;

  private BackupTar(Path target, Path partial, FileChannel channel) {
    this.target = target;
    this.partial = partial;
    this.channel = channel;
    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
    this.tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** Opens {@code <target>.partial} (owner-only: the backup holds secrets); refuses an existing target. */
  static BackupTar create(Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " exists: name a new file");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return new BackupTar(target, partial, channel);
  }

  void directory(String name, Path source) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setMode(mode(source, 0700));
    entry.setModTime(Files.getLastModifiedTime(source).toMillis());
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  void bytes(String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(mode);
    entry.setSize(content.length);
    entry.setModTime(System.currentTimeMillis());
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /**
   * Copies a file as long as it was when opened: a file that grows meanwhile is cut there and one that
   * shrinks is padded with zeros (a database file changing under the copy is repaired from the WAL).
   * Returns the bytes copied, or -1 if the file is gone (removed since it was listed).
   */
  long file(String name, Path source) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      long size = in.size();
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setMode(mode(source, 0600));
      entry.setSize(size);
      entry.setModTime(Files.getLastModifiedTime(source).toMillis());
      tar.putArchiveEntry(entry);
      copy(Channels.newInputStream(in), size);
      tar.closeArchiveEntry();
      fileBytes += size;
      return size;
    } catch (NoSuchFileException removed) {
      return -1;
    }
  }

  private void copy(InputStream in, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        break;
      }
      tar.write(buffer, 0, read);
      left -= read;
    }
    byte[] zeros = new byte[(int) Math.min(buffer.length, Math.max(left, 0))];
    while (left > 0) {
      int n = (int) Math.min(zeros.length, left);
      tar.write(zeros, 0, n);
      left -= n;
    }
  }

  /** Bytes of file content written so far. */
  long fileBytes() {
    return fileBytes;
  }

  /** Ends the archive, forces it to the disk and gives it its name. */
  void commit() throws IOException {
    tar.finish();
    tar.flush();
    channel.force(true);
    tar.close();
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
    committed = true;
  }

  /** Without {@link #commit}: removes the partial file. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        tar.close();
      } catch (IOException ignored) {
        // the file is removed in any case
      }
      Files.deleteIfExists(partial);
    }
  }

  static int mode(Path path, int fallback) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission permission : permissions) {
        mode |= 1 << (8 - permission.ordinal());
      }
      return mode;
    } catch (UnsupportedOperationException e) {
      return fallback;
    }
  }
}
