package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.deliver.SentryDelivery;
import io.github.panicwatch.testing.ReceivedEnvelope;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

/**
 * A receiver that refuses what Sentry refuses (413 over 200 KB compressed or 1 MB decompressed; a
 * poison envelope answered 400 for ever): an oversized panic arrives trimmed on the first try, and a
 * poison envelope neither holds up the others nor is sent for ever (issue 12).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicAppenderSizeLimitIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();
  @TempDir Path cacheDir;
  private Logger log;

  private void start() {
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(receiver.dsn());
    appender.setCacheDirPath(cacheDir.toString());
    appender.setCaptureUncaught("false");
    appender.setMaxEventsPerFingerprint("0");
    appender.setFlushTimeoutMillis("10000");
    appender.start();
    assertThat(appender.isStarted()).isTrue();
    log = context.getLogger("app.ledger");
    log.addAppender(appender);
  }

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
  }

  /** An exception 5,000 causes deep, each with a few frames of its own. */
  private static Throwable deepChain() {
    Throwable cause = null;
    for (int depth = 0; depth < 5_000; depth++) {
      RuntimeException next = new RuntimeException("cause " + depth, cause);
      next.setStackTrace(new StackTraceElement[] {
          new StackTraceElement("app.Ledger", "apply" + depth, "Ledger.java", depth),
          new StackTraceElement("app.Ledger", "replay", "Ledger.java", 10),
          new StackTraceElement("app.Main", "main", "Main.java", 5)});
      cause = next;
    }
    return new IllegalStateException("ledger corrupt", cause);
  }

  private long spooledFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(file -> file.toString().endsWith(".envelope")).count();
    }
  }

  @Test
  void anOversizedPanicArrivesTrimmedOnTheFirstTry() throws Exception {
    receiver.enforceSentrysSizeLimits();
    start();
    Random random = new Random(12);
    for (int i = 0; i < 100; i++) {
      byte[] noise = new byte[10_000];
      random.nextBytes(noise);
      log.info("request {} body {}", i, java.util.HexFormat.of().formatHex(noise)); // 20,000 characters that do not compress
    }
    // Logback's ThrowableProxy recurses once per cause: 5,000 of them need a deeper stack than a test
    // thread's default, as they would in the application
    Thread logging =
        new Thread(
            null,
            () -> log.error(MarkerFactory.getMarker("FATAL"), "ledger corrupt at block {}", 7, deepChain()),
            "deep-stack",
            256L << 20);
    logging.start();
    logging.join();
    context.stop();

    List<JsonNode> events = receiver.awaitAcceptedEvents(1, WAIT);
    assertThat(receiver.envelopes()).as("accepted on the first try").hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("message").path("formatted").asText()).isEqualTo("ledger corrupt at block 7");
    JsonNode exceptions = event.path("exception").path("values");
    JsonNode own = exceptions.get(exceptions.size() - 1);
    assertThat(own.path("value").asText()).isEqualTo("ledger corrupt");
    assertThat(own.path("stacktrace").path("frames")).isNotEmpty();
    assertThat(exceptions.get(0).path("value").asText()).as("the root cause").isEqualTo("cause 0");
    assertThat(event.path("extra").path("trimmed").asText()).contains("breadcrumb", "cause chain");
    assertThat(spooledFiles()).isZero();
  }

  @Test
  void aPoisonEnvelopeDoesNotHoldUpTheOthersIsTriedTwiceAndTheNextEventCountsIt() throws Exception {
    receiver.refuseForever("poison");
    start();
    log.error(MarkerFactory.getMarker("FATAL"), "poison pill");
    log.error(MarkerFactory.getMarker("FATAL"), "healthy {}", 1);
    log.error(MarkerFactory.getMarker("FATAL"), "healthy {}", 2);
    assertThat(receiver.awaitAcceptedEvents(2, WAIT)).extracting(e -> e.path("message").path("formatted").asText())
        .containsExactly("healthy 1", "healthy 2");

    // the poison goes out once as it was and once trimmed harder, then its file is gone
    Awaitility.await().atMost(WAIT).until(() -> spooledFiles() == 0);
    log.error(MarkerFactory.getMarker("FATAL"), "after the bad one");
    List<JsonNode> accepted = receiver.awaitAcceptedEvents(3, WAIT);
    assertThat(accepted.get(2).path("extra").path(SentryDelivery.REFUSED_EXTRA).asLong()).isEqualTo(1);
    context.stop();
    List<ReceivedEnvelope> poisons = receiver.envelopes().stream()
        .filter(envelope -> envelope.events().stream()
            .anyMatch(event -> event.path("message").path("formatted").asText().equals("poison pill")))
        .toList();
    assertThat(poisons).as("sent as it was, then trimmed once, never again").hasSize(2);
    assertThat(poisons.get(1).events().get(0).path("extra").path("trimmed_after_refusal").asInt()).isEqualTo(400);
  }
}
