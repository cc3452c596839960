package io.xphoto.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Directories of a test under target/, removed when it ends (an embedded database in one takes ~100 MB). */
public final class TestDirectories {

  private static final List<Path> FOR_THE_RUN = new CopyOnWriteArrayList<>();

  private TestDirectories() {
  }

  /** A new directory for one test, which deletes it when it ends ({@link #delete}). */
  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(Path.of("target"), prefix).toAbsolutePath();
  }

  /** A new directory deleted when the test JVM exits: for what tests share or leave to the run (a server's data dir). */
  public static synchronized Path createForTheRun(String prefix) throws IOException {
    if (FOR_THE_RUN.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(TestDirectories::deleteTheRunsDirectories, "test-directories-cleanup"));
    }
    Path directory = create(prefix);
    FOR_THE_RUN.add(directory);
    return directory;
  }

  private static void deleteTheRunsDirectories() {
    for (Path directory : FOR_THE_RUN) {
      try {
        delete(directory);
      } catch (IOException | InterruptedException e) {
        System.err.println("could not delete " + directory + ": " + e);
      }
    }
  }

  /**
   * Removes the directory, after killing any PostgreSQL still running on a cluster in it (one a killed
   * server left behind, or one of a test that failed half-way).
   */
  public static void delete(Path directory) throws IOException, InterruptedException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path pidFile : postmasterPidFiles(directory)) {
      killPostmaster(pidFile);
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static List<Path> postmasterPidFiles(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory, 4)) {
      return walk.filter(path -> path.getFileName().toString().equals("postmaster.pid")).toList();
    }
  }

  private static void killPostmaster(Path pidFile) throws IOException, InterruptedException {
    String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
    if (!first.matches("\\d+")) {
      return;
    }
    var postmaster = ProcessHandle.of(Long.parseLong(first))
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (postmaster.isPresent()) {
      postmaster.get().destroyForcibly();
      try {
        postmaster.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("PostgreSQL " + first + " did not stop", e);
      }
    }
  }
}
