package io.xphoto.support;

import io.xphoto.config.Settings;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The launcher ({@code io.xphoto.Main}, what {@code ./run.sh} runs) in a JVM of its own, configured by its
 * environment as in production, its console written to a file. It runs {@code java -jar} of a jar whose
 * manifest names this JVM's class path: ONNX Runtime overflows its stack with a long command line.
 */
public final class ServerProcess implements AutoCloseable {

  /** The roles of a whole server but the face worker: no models to load, a quicker start. */
  public static final String ROLES = "db,http,mail,storage";

  private static Path classPathJar;

  private final String name;
  private final Process process;
  private final Path console;

  private ServerProcess(String name, Process process, Path console) {
    this.name = name;
    this.process = process;
    this.console = console;
  }

  /** Starts {@code io.xphoto.Main args} with these {@code XPHOTO_*} variables, its console in {@code console}. */
  public static ServerProcess start(Path console, Map<String, String> environment, String... args) throws IOException {
    // C1 only: a test's server lives a minute, and C2's compilations of several JVMs starting at once on two
    // cores made their start take twice as long (63 s against 31 s for five)
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(moduleOptions());
    command.addAll(List.of("-jar", classPathJar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
    builder.environment().keySet().removeIf(variable -> variable.startsWith("XPHOTO_"));
    builder.environment().putAll(environment);
    String fileName = console.getFileName().toString();
    return new ServerProcess(fileName.replaceFirst("\\.log$", ""), builder.start(), console);
  }

  /** Starts a server named {@code name} with these settings (keys of conf/xphoto.properties), its console in {@code <directory>/<name>.log}. */
  public static ServerProcess start(String name, Path directory, Map<String, String> settings) throws IOException {
    Map<String, String> environment = settings.entrySet().stream()
        .collect(Collectors.toMap(setting -> Settings.envName(setting.getKey()), Map.Entry::getValue));
    return start(directory.resolve(name + ".log"), environment);
  }

  /** The JDK openings this JVM got (Hazelcast asks for them), for the server's JVM. */
  private static List<String> moduleOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("--add-opens") || option.startsWith("--add-exports")).toList();
  }

  private static synchronized Path classPathJar() throws IOException {
    if (classPathJar == null) {
      Path jar = Files.createTempFile(Path.of("target"), "server-classpath", ".jar");
      jar.toFile().deleteOnExit();
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.xphoto.Main");
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
              .collect(Collectors.joining(" ")));
      new JarOutputStream(Files.newOutputStream(jar), manifest).close();
      classPathJar = jar;
    }
    return classPathJar;
  }

  public String name() {
    return name;
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
      return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
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
        throw new AssertionError(name + " exited with " + process.exitValue() + " before showing '" + text + "':\n"
            + console());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " showed no '" + text + "' within " + timeout + ":\n" + console());
      }
      Thread.sleep(50);
    }
  }

  /** Its exit code; fails if it is still running after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + ":\n" + console());
    }
    return process.exitValue();
  }

  /** SIGTERM, as a service manager stops it: its shutdown hook stops the server (exit code 143). */
  public void stop() throws InterruptedException {
    process.destroy();
    awaitExit(Duration.ofSeconds(60));
  }

  /** SIGKILL: no shutdown hook runs (an embedded PostgreSQL is left running; a cluster node does not leave). */
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
