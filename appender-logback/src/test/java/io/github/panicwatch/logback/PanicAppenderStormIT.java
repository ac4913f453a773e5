package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildJvm;
import io.github.panicwatch.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A panic storm (issue 12 item 3): more panics at once than the delivery thread's queue holds, with
 * the crash-loop guard off. None is lost in memory: what the queue cannot take is kept on the
 * logging thread, and what the exit's flush did not send goes with the next start.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderStormIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int THREADS = 4;
  private static final int PANICS = 100;

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path cacheDir;

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private ChildJvm.Result run(int panics) {
    return ChildJvm.run(
        StormChild.class,
        List.of("pw.dsn=" + receiver.dsn(), "pw.cacheDir=" + cacheDir, "pw.threads=" + THREADS, "pw.panics=" + panics),
        List.of(),
        Duration.ofSeconds(90));
  }

  @Test
  void fourThreadsOfAHundredDistinctPanicsAllArriveExactlyOnceAtTheLatestAfterOneRestart() {
    ChildJvm.Result storm = run(PANICS);
    assertThat(storm.exitCode()).as("output:%n%s", storm.output()).isZero();
    assertThat(storm.output()).as("nothing dropped, nothing said").doesNotContain("panicwatch ", "Panicwatch [");
    ChildJvm.Result restart = run(0);
    assertThat(restart.exitCode()).as("output:%n%s", restart.output()).isZero();

    List<JsonNode> accepted = receiver.awaitAcceptedEvents(THREADS * PANICS, WAIT);
    Set<String> expected = new HashSet<>();
    for (int thread = 0; thread < THREADS; thread++) {
      for (int panic = 0; panic < PANICS; panic++) {
        expected.add("storm " + thread + " panic " + panic);
      }
    }
    assertThat(accepted.stream().map(event -> event.path("message").path("formatted").asText()).collect(Collectors.toSet()))
        .isEqualTo(expected);
    // a second copy can only be a resend of the same event (its file outlived the exit between
    // Sentry's answer and the delete), which Sentry de-duplicates by its id
    assertThat(accepted.stream().map(event -> event.path("event_id").asText()).distinct()).hasSize(THREADS * PANICS);
  }
}
