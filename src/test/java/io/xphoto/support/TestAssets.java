package io.xphoto.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The face models and sample photos the build installs with {@code setup/assets.sh} (see pom.xml); the
 * tests that need them fail, never skip, when they are missing.
 */
public final class TestAssets {

  private TestAssets() {
  }

  public static Path models() {
    return directory("xphoto.test.models", "models");
  }

  /** {@code sample1.jpg} … {@code sample6.jpg} of @vladmandic/face-api: group photos of several people. */
  public static byte[] samplePhoto(int number) {
    return photo("sample" + number + ".jpg");
  }

  /** A photo the build installed by name: the samples, and tracking's as {@code tracking-<name>}. */
  public static byte[] photo(String name) {
    try {
      return Files.readAllBytes(directory("xphoto.test.photos", "photos").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(String property, String kind) {
    String value = System.getProperty(property);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException("test " + kind + " missing (" + property + "=" + value
          + "): run the tests with 'mvn verify' or './run.sh test', which install them with setup/assets.sh");
    }
    return Path.of(value);
  }
}
