package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Repeats a child JVM that logs one panic right before {@code System.exit}, and checks that every
 * run's panic arrived exactly once (issues 12 and 21). Runs are independent (each its own spool
 * folder and message), so a few run side by side: the suite stays short on two cores.
 */
public final class ExitRuns {
  /** Children running at once: enough to overlap one's start with another's exit. */
  private static final int IN_PARALLEL = 3;

  private ExitRuns() {}

  /** Runs {@code child.apply(run)} for run 1 to {@code runs}, a few at a time. */
  public static List<ChildJvm.Result> repeat(int runs, IntFunction<ChildJvm.Result> child) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(IN_PARALLEL);
    try {
      List<Future<ChildJvm.Result>> futures = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        int current = run;
        futures.add(pool.submit(() -> child.apply(current)));
      }
      List<ChildJvm.Result> results = new ArrayList<>();
      for (Future<ChildJvm.Result> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          throw new AssertionError("a child run failed", e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every run exited 0, printed no warning or error of Panicwatch's, and its panic ({@code
   * "<message> <run>"}) was kept: accepted by the receiver (by the time the child had exited, or
   * within {@code wait} after), or, where the flush timeout ran out first on a loaded machine, left
   * on disk in that run's spool folder for the next start to send (both, when time ran out between
   * Sentry's answer and the file's delete: the next start sends it again under the same event id).
   * No panic is accepted twice.
   *
   * @param spoolOfRun the cache folder run {@code n} was given
   */
  public static void assertEachKept(
      SentryReceiver receiver,
      List<ChildJvm.Result> results,
      String message,
      IntFunction<Path> spoolOfRun,
      Duration wait)
      throws IOException {
    List<String> onlyDelivered = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int run = 1; run <= results.size(); run++) {
      ChildJvm.Result result = results.get(run - 1);
      assertThat(result.exitCode()).as("run %d exit code; output:%n%s", run, result.output()).isZero();
      // a healthy run prints nothing of Panicwatch's: no drop, no failed wait, no unguarded send
      assertThat(result.output()).as("run %d output", run).doesNotContain("panicwatch ", "Panicwatch [");
      all.add(message + " " + run);
      if (spooled(spoolOfRun.apply(run)) == 0) {
        onlyDelivered.add(message + " " + run);
      }
    }
    // the exit's flush does send: a run or two may run out of time on a loaded machine, not all
    assertThat(onlyDelivered).as("runs whose panic was delivered at exit (the rest are on disk)").isNotEmpty();
    receiver.awaitAcceptedEvents(onlyDelivered.size(), wait);
    List<String> accepted =
        receiver.acceptedEvents().stream().map(event -> event.path("message").path("formatted").asText()).toList();
    assertThat(accepted).as("panics accepted by the receiver").doesNotHaveDuplicates().containsAll(onlyDelivered);
    assertThat(all).as("every panic accepted by the receiver").containsAll(accepted);
  }

  private static long spooled(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".envelope")).count();
    }
  }
}
