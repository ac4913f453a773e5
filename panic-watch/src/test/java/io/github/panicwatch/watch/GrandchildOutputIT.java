package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.testing.ChildProcess;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    ChildProcess.Exit watched = runPiped(List.of("sh", "-c", "(sleep 1; echo late-out; echo late-err >&2) & echo early"));

    assertThat(watched.code()).isZero();
    assertThat(watched.stdoutText()).isEqualTo("early\nlate-out\n");
    assertThat(watched.stderrText()).isEqualTo("late-err\n");
    assertThat(receiver.requestCount()).isZero();
  }

  @Test
  void stopsWaitingForAGrandchildThatHoldsThePipesLongerThanTheBoundAndSaysSo() throws Exception {
    ChildProcess.Exit watched = runPiped(List.of("sh", "-c", "sleep 60 & echo $!"));

    grandchild = ProcessHandle.of(Long.parseLong(watched.stdoutText().strip())).orElseThrow();
    assertThat(watched.code()).isZero();
    assertThat(grandchild.isAlive()).as("the watcher exited while the grandchild still held the pipes").isTrue();
    assertThat(watched.stderrText()).isEqualTo("panic-watch: warning: the child's output is still open "
        + Watcher.DRAIN_TIMEOUT_MILLIS + " ms after it exited (a process it started holds it?); going on with what was read\n");
  }

  /** Runs the watched command with pipes for stdout and stderr, each read to its end on a thread of its own. */
  private ChildProcess.Exit runPiped(List<String> child) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(WatcherFixture.watched(watcherArgs, child));
    builder.environment().put("SENTRY_DSN", receiver.dsn());
    try (ChildProcess watcher = ChildProcess.start(builder)) {
      return watcher.awaitExit(Duration.ofSeconds(WatcherFixture.TIMEOUT_SECONDS));
    }
  }
}
