package io.github.panicwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fresh JVM running a test class's {@code main} on the test class path, for tests of what happens
 * at a real exit. Its output (stdout and stderr together) is read on a thread of its own and the
 * whole run is bounded, so a child that hangs fails the test with its output instead of hanging the
 * build (issue 20).
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    properties.forEach(property -> command.add("-D" + property));
    command.add(main.getName());
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + main.getName(), e);
    }
    CompletableFuture<String> output = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                output.complete("(output unreadable: " + e + ")");
              }
            },
            "child-output-" + main.getSimpleName());
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(main.getSimpleName() + " did not exit within " + timeout + "; output so far: "
            + output.getNow("(none)"));
      }
      return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + main.getSimpleName(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(main.getSimpleName() + " exited but its output did not end (a grandchild holds it?)", e);
    }
  }
}
