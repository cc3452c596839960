package io.xphoto.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher ({@code io.xphoto.Main}, what {@code ./run.sh} runs) in a JVM of its own, configured by its
 * environment as in production, its console written to a file. Its class path is this JVM's (surefire's
 * manifest-only jar: a short command line, which ONNX Runtime needs; these processes run no face worker anyway).
 */
public final class ServerProcess implements AutoCloseable {

  /** The roles of a whole server but the face worker: no models to load, a quicker start. */
  public static final String ROLES = "db,http,mail,storage";

  private final Process process;
  private final Path console;

  private ServerProcess(Process process, Path console) {
    this.process = process;
    this.console = console;
  }

  /** Starts {@code io.xphoto.Main args} with these {@code XPHOTO_*} variables, its console in {@code console}. */
  public static ServerProcess start(Path console, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.xphoto.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(console.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("XPHOTO_"));
    builder.environment().putAll(environment);
    return new ServerProcess(builder.start(), console);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything it wrote so far. */
  public String console() {
    try {
      return Files.readString(console, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines it wrote, blank ones left out. */
  public List<String> consoleLines() {
    return console().lines().filter(line -> !line.isBlank()).toList();
  }

  /** Waits until its console shows {@code text}; fails if it exits or takes longer. */
  public void awaitConsole(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!console().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("exited with " + process.exitValue() + " before showing '" + text + "':\n" + console());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + console());
      }
      Thread.sleep(100);
    }
  }

  /** Its exit code; fails if it is still running after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + ":\n" + console());
    }
    return process.exitValue();
  }

  /** SIGTERM, as a service manager stops it: its shutdown hook stops the server (exit code 143). */
  public void stop() throws InterruptedException {
    process.destroy();
    awaitExit(Duration.ofSeconds(60));
  }

  /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left running. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Kills it if it still runs. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
