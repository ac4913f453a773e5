package io.github.panicwatch.watch;

import io.github.panicwatch.testing.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs commands the way the README tells users to: the shaded {@code panic-watch.jar} as a JVM of
 * its own, wrapping a child, with stdout and stderr going to files (the real streams, nothing in
 * between); and the same child without the watcher, for byte-for-byte comparison.
 */
final class WatcherFixture {
  static final long TIMEOUT_SECONDS = 90;
  /** Fast start-up for the many short JVMs of these tests. */
  static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  final Path dir;
  final Map<String, String> environment = new HashMap<>();
  /** The working folder of what this fixture runs; {@code null}: the test's own. */
  Path workingFolder;
  private int runs;

  WatcherFixture(Path dir) {
    this.dir = dir;
  }

  /** What one run left behind. */
  record Result(int exitCode, byte[] stdout, byte[] stderr) {
    String stdoutText() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }

    String stderrText() {
      return new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java [jvmArgs] -cp <test class path> main}. */
  static List<String> javaChild(Class<?> main, String... jvmArgs) {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(QUICK_JVM);
    command.addAll(List.of(jvmArgs));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    return command;
  }

  /** {@code java -jar panic-watch.jar [watcherArgs] -- child…}. */
  static List<String> watched(List<String> watcherArgs, List<String> child) {
    Path jar = Path.of("target", "panic-watch.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn package (failsafe runs after it)");
    }
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(QUICK_JVM);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(watcherArgs);
    command.add("--");
    command.addAll(child);
    return command;
  }

  /** Starts {@code command} with stdout and stderr into fresh files of this fixture. */
  Started start(List<String> command) throws IOException {
    int run = ++runs;
    File out = dir.resolve("run" + run + ".out").toFile();
    File err = dir.resolve("run" + run + ".err").toFile();
    return start(new ProcessBuilder(command).redirectOutput(out).redirectError(err));
  }

  private Started start(ProcessBuilder builder) throws IOException {
    builder.environment().putAll(environment);
    if (workingFolder != null) {
      builder.directory(workingFolder.toFile());
    }
    return new Started(ChildProcess.start(builder));
  }

  Result run(List<String> command) throws IOException {
    return start(command).await();
  }

  /** A process under way, its output filling files or read by threads of its own (never by the test's). */
  record Started(ChildProcess child) {
    /** Waits for the exit and the end of both streams; a hung run fails with what it printed so far. */
    Result await() {
      ChildProcess.Exit exit = child.awaitExit(Duration.ofSeconds(TIMEOUT_SECONDS));
      return new Result(exit.code(), exit.stdout(), exit.stderr());
    }

    Process process() {
      return child.process();
    }

    String stdoutSoFar() {
      return child.stdoutSoFar();
    }

    String stderrSoFar() {
      return child.stderrSoFar();
    }
  }

  /** Runs {@code command} with stdout and stderr appended to {@code file}, as {@code >> file 2>> file}; the exit code. */
  int runAppendingTo(List<String> command, Path file) throws IOException {
    ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(file.toFile());
    return start(new ProcessBuilder(command).redirectOutput(append).redirectError(append)).await().exitCode();
  }

  /** Runs {@code command} with stdout through a pipe and stderr into a fresh file of this fixture. */
  Result runWithStderrToAFile(List<String> command) throws IOException {
    File err = dir.resolve("run" + ++runs + ".err").toFile();
    return start(new ProcessBuilder(command).redirectError(err)).await();
  }
}
