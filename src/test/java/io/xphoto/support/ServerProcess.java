package io.xphoto.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * An xphoto server in a JVM of its own ({@code java -jar} of a jar whose manifest names the test class path:
 * ONNX Runtime overflows its stack with a long command line), configured by {@code XPHOTO_*} variables,
 * its output in a log file.
 */
public final class ServerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code io.xphoto.Main} with these settings (keys as in conf/xphoto.properties). */
  public static ServerProcess start(String name, Path directory, Map<String, String> settings) throws IOException {
    // C1 only: a test's server lives a minute, and C2's compilations of five JVMs starting at once on two cores
    // made the start take twice as long (63 s against 31 s)
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(moduleOptions());
    command.addAll(List.of("-jar", classPathJar(directory).toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    settings.forEach((key, value) -> builder.environment().put(io.xphoto.config.Settings.envName(key), value));
    Path log = directory.resolve(name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServerProcess(name, builder.start(), log);
  }

  /** The JDK openings this JVM got (Hazelcast asks for them), for the server's JVM. */
  private static List<String> moduleOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> option.startsWith("--add-opens") || option.startsWith("--add-exports")).toList();
  }

  private static synchronized Path classPathJar(Path directory) throws IOException {
    Path jar = directory.resolve("classpath.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    String classPath = System.getProperty("java.class.path");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.xphoto.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(classPath.split(java.io.File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
        .collect(Collectors.joining(" ")));
    new JarOutputStream(Files.newOutputStream(jar), manifest).close();
    return jar;
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the log has a line containing {@code text}; fails if the process ends first or time runs out. */
  public void awaitLog(String text, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (log().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended (" + process.exitValue() + ") before logging \"" + text + "\":\n" + log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not log \"" + text + "\" within " + timeoutMillis + " ms:\n" + log());
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: the node gets no chance to leave the cluster. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
