package io.xphoto.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The paths under a directory that a running server is writing to: a file or directory removed while it is listed
 * (an upload's temporary file renamed, a PostgreSQL file dropped) is left out instead of failing the listing, as
 * {@code Files.walk} would.
 */
final class LiveTree {

  private LiveTree() {
  }

  /** Every path under {@code root} (not {@code root} itself) that {@code included} accepts, in walk order. */
  static List<Path> paths(Path root, Predicate<Path> included) throws IOException {
    List<Path> paths = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
        if (!directory.equals(root) && included.test(directory)) {
          paths.add(directory);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (included.test(file)) {
          paths.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return paths;
  }
}
