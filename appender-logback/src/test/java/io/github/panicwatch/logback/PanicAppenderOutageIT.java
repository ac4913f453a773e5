package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.deliver.SentryDelivery;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Each outage of the receiver: the log call never waits, and the panic arrives once, after it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PanicAppenderOutageIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();
  private final Logger log = context.getLogger("app.orders");
  @TempDir Path cacheDir;

  private void start(Consumer<PanicAppender> configure) {
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(receiver.dsn());
    appender.setCacheDirPath(cacheDir.toString());
    appender.setCaptureUncaught("false");
    appender.setReadTimeoutMillis("2000");
    configure.accept(appender);
    appender.start();
    assertThat(appender.isStarted()).as("status %s", context.getStatusManager().getCopyOfStatusList()).isTrue();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
  }

  private List<Path> spooled() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(file -> file.toString().endsWith(".envelope")).toList();
    }
  }

  private void awaitSpooled(int count) {
    Awaitility.await().atMost(WAIT).until(() -> spooled().size() == count);
  }

  private void assertArrivesOnceAfterRecovery(String message) throws IOException {
    receiver.healthy();
    List<JsonNode> accepted = receiver.awaitAcceptedEvents(1, WAIT);
    assertThat(accepted.get(0).path("message").path("formatted").asText()).isEqualTo(message);
    context.stop(); // flushes: a duplicate would be sent by now
    assertThat(receiver.acceptedEvents()).hasSize(1);
    assertThat(spooled()).isEmpty();
  }

  @Test
  void aPanicLoggedWhileConnectionsAreRefusedArrivesOnceAfterRecovery() throws IOException {
    receiver.down();
    start(appender -> {});
    log.error(FATAL, "while down");
    awaitSpooled(1);
    assertArrivesOnceAfterRecovery("while down");
  }

  @Test
  void aPanicAnswered500IsKeptAndArrivesOnceAfterRecovery() throws IOException {
    receiver.respondWith(500, Map.of());
    start(appender -> {});
    log.error(FATAL, "while failing");
    // a retry comes only once the 500 was handled: the file must have outlived that answer
    receiver.awaitRequests(2, WAIT);
    assertThat(spooled()).hasSize(1);
    assertArrivesOnceAfterRecovery("while failing");
  }

  @Test
  void aPanicAnswered429WithRetryAfterIsKeptAndArrivesOnceAfterRecovery() throws IOException {
    receiver.respondWith(429, Map.of("Retry-After", "1"));
    start(appender -> {});
    log.error(FATAL, "while rate limited");
    // a retry comes only once the 429 was handled: the file must have outlived that answer
    receiver.awaitRequests(2, WAIT);
    assertThat(spooled()).hasSize(1);
    assertArrivesOnceAfterRecovery("while rate limited");
  }

  @Test
  void aPanicAnswered429WithSentryRateLimitsIsKeptAndTheLimitIsHonoured() throws IOException {
    receiver.respondWith(429, Map.of("X-Sentry-Rate-Limits", "1:error:organization"));
    start(appender -> {});
    log.error(FATAL, "first while limited");
    receiver.awaitRequests(1, WAIT);
    receiver.healthy();
    log.error(FATAL, "second while limited");
    List<JsonNode> accepted = receiver.awaitAcceptedEvents(2, WAIT);
    assertThat(accepted)
        .extracting(event -> event.path("message").path("formatted").asText())
        .containsExactlyInAnyOrder("first while limited", "second while limited");
    context.stop();
    assertThat(receiver.acceptedEvents()).hasSize(2);
  }

  @Test
  void theLogCallReturnsAtOnceWhileTheReceiverNeverAnswersAndThePanicArrivesAfterRecovery()
      throws IOException {
    receiver.blackhole();
    start(appender -> appender.setReadTimeoutMillis("1000"));
    // a generous guard: a log call that waited on the network would hang until the receiver heals
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> log.error(FATAL, "while blackholed"));
    receiver.awaitRequests(1, WAIT);
    assertArrivesOnceAfterRecovery("while blackholed");
  }

  @Test
  void aSlowReceiverStillGetsThePanicExactlyOnce() {
    receiver.slow(Duration.ofMillis(500));
    start(appender -> {});
    log.error(FATAL, "to a slow receiver");
    context.stop();
    assertThat(receiver.awaitAcceptedEvents(1, WAIT)).hasSize(1);
    assertThat(receiver.acceptedEvents()).hasSize(1);
  }

  @Test
  void aFullSpoolDropsTheOldestSaysSoAndTheNextEventCarriesTheCount() throws IOException {
    receiver.down();
    start(appender -> appender.setMaxSpooledEvents("2"));
    log.error(FATAL, "one");
    log.error(FATAL, "two");
    log.error(FATAL, "three");
    awaitSpooled(2);
    Awaitility.await().atMost(WAIT).until(
        () -> context.getStatusManager().getCopyOfStatusList().stream()
            .anyMatch(status -> status.getLevel() == Status.WARN && status.getMessage().contains("was full")));
    receiver.healthy();
    receiver.awaitAcceptedEvents(2, WAIT);
    log.error(FATAL, "four");
    List<JsonNode> accepted = receiver.awaitAcceptedEvents(3, WAIT);
    assertThat(accepted)
        .extracting(event -> event.path("message").path("formatted").asText())
        .containsExactly("two", "three", "four");
    assertThat(accepted.get(2).path("extra").path(SentryDelivery.SPOOL_DROPPED_EXTRA).asLong()).isEqualTo(1);
  }
}
