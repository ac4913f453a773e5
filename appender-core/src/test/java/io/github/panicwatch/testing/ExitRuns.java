package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

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
   * Every run exited 0, printed no warning or error of Panicwatch's, and its panic ({@code "<message> <run>"})
   * reached the receiver exactly once: by the time the child had exited, or at the latest within
   * {@code wait} after.
   */
  public static void assertEachArrivedOnce(
      SentryReceiver receiver, List<ChildJvm.Result> results, String message, Duration wait) {
    for (int run = 1; run <= results.size(); run++) {
      ChildJvm.Result result = results.get(run - 1);
      assertThat(result.exitCode()).as("run %d exit code; output:%n%s", run, result.output()).isZero();
      // a healthy run prints nothing of Panicwatch's: no drop, no failed wait, no unguarded send
      assertThat(result.output()).as("run %d output", run).doesNotContain("panicwatch ", "Panicwatch [");
    }
    List<JsonNode> events = receiver.awaitAcceptedEvents(results.size(), wait);
    List<String> messages = events.stream().map(event -> event.path("message").path("formatted").asText()).toList();
    List<String> expected = new ArrayList<>();
    for (int run = 1; run <= results.size(); run++) {
      expected.add(message + " " + run);
    }
    assertThat(messages).as("panics accepted by the receiver").containsExactlyInAnyOrderElementsOf(expected);
  }
}
