package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.deliver.SentryDelivery;
import io.github.panicwatch.testing.ChildProcess;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: what one process spools, the next one sends; a crash loop is held to the limit. */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class PanicAppenderRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration CHILD_EXIT = Duration.ofSeconds(60);

  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path cacheDir;

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  /** The child's exit code, its output, and how long it took from the panic's log call to exit. */
  record Run(int exitCode, List<String> output, long millisFromPanicToExit) {}

  private Run runChild(boolean panic, String... properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; the crash loop starts 31 of these
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dpw.dsn=" + receiver.dsn());
    command.add("-Dpw.cacheDir=" + cacheDir);
    for (String property : properties) {
      command.add("-D" + property);
    }
    command.add(PanickingChild.class.getName());
    if (panic) {
      command.add("panic");
    }
    try (ChildProcess child = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true))) {
      long loggedAt = 0;
      if (panic) {
        child.awaitStdout("LOGGED", CHILD_EXIT);
        loggedAt = System.nanoTime();
      }
      ChildProcess.Exit exit = child.awaitExit(CHILD_EXIT);
      long exitedAt = System.nanoTime();
      return new Run(exit.code(), exit.stdoutText().lines().toList(), panic ? (exitedAt - loggedAt) / 1_000_000 : -1);
    }
  }

  private List<Path> spooledFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(file -> file.toString().endsWith(".envelope")).toList();
    }
  }

  @Test
  void aPanicSpooledByAProcessThatExitedDuringAnOutageIsSentByTheNextProcess() throws Exception {
    receiver.down();
    Run first = runChild(true, "pw.flushTimeoutMillis=1000");
    assertThat(first.exitCode()).as("output %s", first.output()).isZero();
    assertThat(spooledFiles()).hasSize(1);

    receiver.healthy();
    Run second = runChild(false, "pw.flushTimeoutMillis=10000");
    assertThat(second.exitCode()).as("output %s", second.output()).isZero();

    List<JsonNode> events = receiver.awaitAcceptedEvents(1, WAIT);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("message").path("formatted").asText()).isEqualTo("replica lost");
    assertThat(spooledFiles()).isEmpty();
    assertThat(receiver.acceptedEvents()).hasSize(1);
  }

  @Test
  void exitWhileTheReceiverNeverAnswersWaitsNoLongerThanTheFlushTimeoutAndTheNextProcessSendsThePanic()
      throws Exception {
    receiver.blackhole();
    // a read timeout of a minute: an exit that waited on the network would take that long
    Run blackholed = runChild(true, "pw.flushTimeoutMillis=1000", "pw.readTimeoutMillis=60000");
    assertThat(blackholed.exitCode()).as("output %s", blackholed.output()).isZero();
    assertThat(blackholed.output()).anySatisfy(line -> assertThat(line).startsWith("LOGGED in"));
    assertThat(blackholed.millisFromPanicToExit()).as("panic to exit, ms").isBetween(0L, 15_000L);
    assertThat(spooledFiles()).hasSize(1);

    receiver.healthy();
    assertThat(runChild(false, "pw.flushTimeoutMillis=10000").exitCode()).isZero();
    assertThat(receiver.awaitAcceptedEvents(1, WAIT)).hasSize(1);
    assertThat(spooledFiles()).isEmpty();
  }

  @Test
  void aCrashLoopingProcessSendsAtMostTheLimitAndTheNextEventSentReportsTheSuppressedCount()
      throws Exception {
    for (int run = 1; run <= 30; run++) {
      Run child = runChild(true, "pw.run=" + run, "pw.maxEventsPerFingerprint=5");
      assertThat(child.exitCode()).as("run %d output %s", run, child.output()).isZero();
    }
    assertThat(receiver.awaitAcceptedEvents(5, WAIT)).hasSize(5);
    assertThat(receiver.acceptedEvents())
        .allSatisfy(event -> assertThat(event.path("extra").has(SentryDelivery.SUPPRESSED_EXTRA)).isFalse());

    // the window has passed (a window of 1 ms stands in for an hour's wait)
    Run later = runChild(true, "pw.run=31", "pw.maxEventsPerFingerprint=5", "pw.fingerprintWindow=1 millisecond");
    assertThat(later.exitCode()).isZero();
    List<JsonNode> events = receiver.awaitAcceptedEvents(6, WAIT);
    assertThat(events).hasSize(6);
    assertThat(events.get(5).path("extra").path(SentryDelivery.SUPPRESSED_EXTRA).asLong()).isEqualTo(25);
    assertThat(events).extracting(event -> event.path("tags").path(SentryDelivery.FINGERPRINT_TAG).asText())
        .containsOnly(events.get(0).path("tags").path(SentryDelivery.FINGERPRINT_TAG).asText());
  }
}
