package io.xphoto.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The podman command (daemonless, Debian's package), run as a child process. A missing podman fails the test:
 * {@code ./run.sh test} installs it.
 */
final class Podman {

  record Result(int exitCode, String output) {
  }

  private Podman() {
  }

  /** Runs {@code podman args...}; stdout and stderr together. Fails when it does not end within the time. */
  static Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    Path output = null;
    try {
      output = Files.createTempFile("podman", ".out");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", command) + ": no end within " + timeout + ":\n" + read(output));
      }
      return new Result(process.exitValue(), read(output));
    } catch (IOException e) {
      throw new AssertionError("podman could not be run (./run.sh test installs it from Debian's packages): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /** As {@link #run}, and fails unless podman exits with 0; returns its output. */
  static String check(Duration timeout, String... args) {
    Result result = run(timeout, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("podman " + String.join(" ", args) + " exited with " + result.exitCode() + ":\n"
          + result.output());
    }
    return result.output();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
