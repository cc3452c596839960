package io.xphoto.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files of the build, read from the class path. */
final class Resources {

  private Resources() {
  }

  static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
