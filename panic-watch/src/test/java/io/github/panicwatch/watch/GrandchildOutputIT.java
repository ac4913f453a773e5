package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12 item 6: in pipe mode (the watcher's own stdout and stderr are pipes, read here on
 * threads of their own) the watcher copies what a grandchild writes after the child has exited,
 * until the pipes end, but at most 5 s after the exit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrandchildOutputIT {
  private SentryReceiver receiver;
  private List<String> watcherArgs;
  private ProcessHandle grandchild;

  @BeforeEach
  void startReceiver() throws URISyntaxException {
    receiver = SentryReceiver.start();
    watcherArgs = List.of("--config", Path.of(GrandchildOutputIT.class.getResource("PanicWatchIT-logback.xml").toURI()).toString());
  }

  @AfterEach
  void stop() {
    receiver.close();
    if (grandchild != null) {
      grandchild.destroyForcibly();
    }
  }

  @Test
  void copiesWhatAGrandchildWritesAfterTheChildHasExitedBeforeExiting() throws Exception {
    Piped watched = runPiped(List.of("sh", "-c", "(sleep 1; echo late-out; echo late-err >&2) & echo early"));

    assertThat(watched.exitCode).isZero();
    assertThat(watched.stdout).isEqualTo("early\nlate-out\n");
    assertThat(watched.stderr).isEqualTo("late-err\n");
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void stopsWaitingForAGrandchildThatHoldsThePipesLongerThanTheBoundAndSaysSo() throws Exception {
    Piped watched = runPiped(List.of("sh", "-c", "sleep 60 & echo $!"));

    grandchild = ProcessHandle.of(Long.parseLong(watched.stdout.strip())).orElseThrow();
    assertThat(watched.exitCode).isZero();
    assertThat(grandchild.isAlive()).as("the watcher exited while the grandchild still held the pipes").isTrue();
    assertThat(watched.stderr).isEqualTo("panic-watch: warning: the child's output is still open "
        + Watcher.DRAIN_TIMEOUT_MILLIS + " ms after it exited (a process it started holds it?); going on with what was read\n");
  }

  private record Piped(int exitCode, String stdout, String stderr) {}

  /** Runs the watched command with pipes for stdout and stderr, each read to its end on a thread of its own. */
  private Piped runPiped(List<String> child) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(WatcherFixture.watched(watcherArgs, child));
    builder.environment().put("SENTRY_DSN", receiver.dsn());
    Process watcher = builder.start();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(watcher.getInputStream()));
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(watcher.getErrorStream()));
    if (!watcher.waitFor(WatcherFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      watcher.descendants().forEach(ProcessHandle::destroyForcibly);
      watcher.destroyForcibly();
      throw new AssertionError("the watcher is still running after " + WatcherFixture.TIMEOUT_SECONDS + " s");
    }
    return new Piped(watcher.exitValue(), stdout.get(30, TimeUnit.SECONDS), stderr.get(30, TimeUnit.SECONDS));
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
