package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.SentryReceiver;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Logback-only delivery cases: the real SDK posting real envelopes to a receiver on 127.0.0.1. The
 * scenarios both adapters share run in {@link PanicAppenderScenariosIT}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PanicAppenderDeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();
  private final Logger log = context.getLogger("app.orders");

  {
    // the SLF4J MDC the test writes to must be the one this context reads
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  private PanicAppender start(Consumer<PanicAppender> configure) {
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(receiver.dsn());
    appender.setCaptureUncaught("false");
    configure.accept(appender);
    appender.start();
    assertThat(appender.isStarted()).as("started; status: %s", context.getStatusManager().getCopyOfStatusList()).isTrue();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return appender;
  }

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
    MDC.clear();
  }

  @Test
  void aPanicMarkerReferencedByTheEventsMarkerCounts() {
    start(appender -> {});
    Marker billing = MarkerFactory.getDetachedMarker("BILLING");
    billing.add(MarkerFactory.getMarker("PANIC"));
    log.error(billing, "ledger corrupt");
    context.stop();
    assertThat(receiver.awaitEvents(1, WAIT).get(0).path("message").path("formatted").asText())
        .isEqualTo("ledger corrupt");
  }

  @Test
  void anApplicationsOwnSentryStaysUntouchedAndSharesNothingWithUs() {
    try (SentryReceiver appReceiver = SentryReceiver.start()) {
      Sentry.init(
          options -> {
            options.setDsn(appReceiver.dsn());
            options.setRelease("app-own-release");
            options.setAttachServerName(false);
          });
      try {
        Sentry.addBreadcrumb("app's own breadcrumb");
        Sentry.setTag("app_tag", "app");
        start(appender -> appender.setRelease("9.9.9"));
        log.info("our breadcrumb");
        log.error(FATAL, "our panic");
        Sentry.captureMessage("the app's own event", SentryLevel.WARNING);
        context.stop();
        Sentry.flush(5000);

        JsonNode ours = receiver.awaitEvents(1, WAIT).get(0);
        JsonNode theirs = appReceiver.awaitEvents(1, WAIT).get(0);
        assertThat(ours.path("release").asText()).isEqualTo("9.9.9");
        assertThat(ours.toString()).doesNotContain("app's own breadcrumb", "app_tag");
        assertThat(theirs.path("release").asText()).isEqualTo("app-own-release");
        assertThat(theirs.path("message").path("formatted").asText()).isEqualTo("the app's own event");
        assertThat(theirs.toString()).doesNotContain("our breadcrumb", "our panic");
        assertThat(Sentry.isEnabled()).isTrue();
      } finally {
        Sentry.close();
      }
    }
  }

  @Test
  void anUncaughtExceptionIsReportedAsUnhandledAndThePreviousHandlerStillRuns() throws Exception {
    List<Throwable> seenByPrevious = new ArrayList<>();
    Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, throwable) -> seenByPrevious.add(throwable));
    try {
      start(appender -> appender.setCaptureUncaught("true"));
      log.info("before the crash");
      RuntimeException crash = new IllegalArgumentException("replica corrupt");
      Thread doomed = new Thread(() -> { throw crash; }, "replication-worker");
      doomed.start();
      doomed.join();
      context.stop();

      JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
      assertThat(event.path("level").asText()).isEqualTo("fatal");
      JsonNode exception = event.path("exception").path("values").get(0);
      assertThat(exception.path("type").asText()).isEqualTo("IllegalArgumentException");
      assertThat(exception.path("mechanism").path("handled").asBoolean()).isFalse();
      assertThat(event.path("extra").path("thread_name").asText()).isEqualTo("replication-worker");
      assertThat(event.path("breadcrumbs").get(0).path("message").asText()).isEqualTo("before the crash");
      assertThat(seenByPrevious).containsExactly(crash);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(original);
    }
  }
}
