package io.github.panicwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh JVM running a test class's {@code main} on the test class path, small and quick to start,
 * for tests of what happens at a real exit; run through {@link ChildProcess}, so its output is read
 * on threads of its own and a child that hangs fails the test instead of hanging the build.
 */
public final class ChildJvm {
  /** How a child ended. */
  public record Result(int exitCode, String output) {}

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code -Dkey=value} properties and arguments, small and quick to start
   * (C1 only, serial GC), and waits for it to exit.
   *
   * @throws AssertionError when it does not exit within {@code timeout} (it is killed)
   */
  public static Result run(Class<?> main, List<String> properties, List<String> arguments, Duration timeout) {
    List<String> jvmArguments = new ArrayList<>();
    properties.forEach(property -> jvmArguments.add("-D" + property));
    return runIn(null, main, jvmArguments, arguments, timeout);
  }

  /**
   * Runs {@code main} as {@link #run} does, in the working folder {@code folder} ({@code null}: this
   * JVM's), with more JVM arguments.
   */
  public static Result runIn(
      Path folder, Class<?> main, List<String> jvmArguments, List<String> arguments, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(jvmArguments);
    command.add(main.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (folder != null) {
      builder.directory(folder.toFile());
    }
    try (ChildProcess child = ChildProcess.start(builder)) {
      ChildProcess.Exit exit = child.awaitExit(timeout);
      return new Result(exit.code(), exit.stdoutText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + main.getName(), e);
    }
  }
}
