package io.xphoto.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Objects as files in one directory, served by the HTTP verticle under {@link #URL_PREFIX}. A file is
 * written under a hidden temporary name and renamed, so a half-written object is never visible, and is on the
 * disk before {@link #put} returns.
 */
public final class LocalDiskBackend implements StorageBackend {

  public static final String URL_PREFIX = "/objects/";

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

  private final Path directory;
  private final String publicUrl;

  LocalDiskBackend(Path directory, String publicUrl) throws IOException {
    this.directory = Files.createDirectories(directory);
    this.publicUrl = publicUrl;
  }

  @Override
  public void check() throws IOException {
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      throw new IOException("the objects directory is missing or not writable");
    }
  }

  public static Path directory(Path dataDir) {
    return dataDir.resolve("objects");
  }

  /**
   * Durable before it returns, as the row that will point at the object is: the bytes are forced to the disk
   * before the rename, and the directory after it. Without that a power cut could keep a committed row and lose
   * its file (the page cache holds new files for up to half a minute).
   */
  @Override
  public void put(String key, byte[] bytes, String contentType) throws IOException {
    Path target = file(key);
    Path temporary = directory.resolve(".upload-" + key + ".tmp"); // keys are new and random: no other put has it
    boolean moved = false;
    try {
      try (FileChannel file = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
        ByteBuffer remaining = ByteBuffer.wrap(bytes);
        while (remaining.hasRemaining()) {
          file.write(remaining);
        }
        file.force(false);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      // opened for each put: a channel kept open would be closed for good by an interrupted force
      try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
        entries.force(true);
      }
    } finally {
      if (!moved) {
        // after a move there is nothing to delete (the lstat of a missing file costs an exception inside the JDK)
        Files.deleteIfExists(temporary);
      }
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    return Files.readAllBytes(file(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
  }

  @Override
  public String url(String key) {
    return publicUrl + URL_PREFIX + key;
  }

  @Override
  public List<String> keysOlderThan(Duration age) throws IOException {
    Instant before = Instant.now().minus(age);
    List<String> keys = new ArrayList<>();
    try (var files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          boolean old = Files.getLastModifiedTime(file).toInstant().isBefore(before);
          if (old && ObjectKeys.isKey(name)) {
            keys.add(name);
          } else if (old && name.startsWith(".upload-")) {
            Files.deleteIfExists(file); // left by a crash during a write
          }
        } catch (NoSuchFileException deletedMeanwhile) {
          // gone already
        }
      }
    }
    return keys;
  }

  private Path file(String key) throws IOException {
    if (!ObjectKeys.isKey(key)) {
      throw new IOException("not an object key: " + key);
    }
    return directory.resolve(key);
  }
}
