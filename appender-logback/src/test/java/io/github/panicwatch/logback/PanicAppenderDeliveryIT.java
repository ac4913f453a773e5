package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.testing.SentryReceiver;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import java.nio.charset.StandardCharsets;
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

/** The real SDK posting real envelopes to a receiver on 127.0.0.1, decoded and checked. */
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
    appender.setCaptureUncaught(false);
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
  void panicArrivesWithLevelMessageExceptionChainTagsReleaseAndEnvironment() {
    start(
        appender -> {
          appender.setRelease("2.4.1");
          appender.setEdition("enterprise");
          appender.addTag(new Tag("service", "alpha"));
        });
    IllegalStateException failure =
        new IllegalStateException("disk gone", new java.io.IOException("EIO on /dev/sdb"));
    log.error(FATAL, "cannot write order {}", 1234, failure);
    context.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.path("level").asText()).isEqualTo("fatal");
    assertThat(event.path("message").path("formatted").asText()).isEqualTo("cannot write order 1234");
    assertThat(event.path("logger").asText()).isEqualTo("app.orders");
    assertThat(event.path("release").asText()).isEqualTo("2.4.1");
    assertThat(event.path("environment").asText()).isEqualTo("prod-enterprise");
    assertThat(event.path("tags").path("service").asText()).isEqualTo("alpha");
    assertThat(event.path("extra").path("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
    JsonNode exceptions = event.path("exception").path("values");
    // Sentry lists the innermost cause first
    assertThat(exceptions).hasSize(2);
    assertThat(exceptions.get(0).path("type").asText()).isEqualTo("IOException");
    assertThat(exceptions.get(0).path("value").asText()).isEqualTo("EIO on /dev/sdb");
    assertThat(exceptions.get(1).path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exceptions.get(1).path("value").asText()).isEqualTo("disk gone");
    assertThat(exceptions.get(1).path("mechanism").path("handled").asBoolean()).isTrue();
    assertThat(exceptions.get(1).path("stacktrace").path("frames")).isNotEmpty();
    assertThat(event.has("server_name")).isFalse();
    assertThat(receiver.lastHeaders().get("X-Sentry-Auth")).contains("sentry_key=" + SentryReceiver.PUBLIC_KEY);
  }

  @Test
  void breadcrumbsArriveOldestFirstWithThreadNamesAndMdcOfTheirLogCall() throws Exception {
    start(appender -> {});
    MDC.put("request_id", "r-1");
    log.info("first from main");
    MDC.put("request_id", "r-2");
    Thread worker = new Thread(() -> context.getLogger("app.worker").warn("from worker {}", 7), "worker-7");
    worker.start();
    worker.join();
    log.debug("below the breadcrumb level");
    log.info("last from main");
    Thread.currentThread().setName(Thread.currentThread().getName()); // names are read at the call
    log.error(FATAL, "boom");
    context.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    List<String> messages = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (JsonNode crumb : event.path("breadcrumbs")) {
      messages.add(crumb.path("message").asText());
      threads.add(crumb.path("data").path("thread").asText());
      requestIds.add(crumb.path("data").path("MDC").path("request_id").asText());
    }
    String main = Thread.currentThread().getName();
    assertThat(messages).containsExactly("first from main", "from worker 7", "last from main");
    assertThat(threads).containsExactly(main, "worker-7", main);
    assertThat(requestIds).containsExactly("r-1", "", "r-2");
    assertThat(event.path("breadcrumbs").get(1).path("level").asText()).isEqualTo("warning");
    assertThat(event.path("breadcrumbs").get(1).path("category").asText()).isEqualTo("app.worker");
    assertThat(event.path("contexts").path("MDC").path("request_id").asText()).isEqualTo("r-2");
  }

  @Test
  void onlyPanicsLeaveTheProcess() {
    start(appender -> {});
    log.error("an ordinary error");
    log.warn("a warning");
    log.error(MarkerFactory.getMarker("AUDIT"), "another marker");
    log.error(FATAL, "the one panic");
    context.stop();

    List<JsonNode> events = receiver.awaitEvents(1, WAIT);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("message").path("formatted").asText()).isEqualTo("the one panic");
    assertThat(receiver.requestCount()).isEqualTo(1);
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
  void minimumEventLevelMakesErrorsPanics() {
    start(appender -> appender.setMinimumEventLevel("ERROR"));
    log.warn("just a warning");
    log.error("now an error is enough");
    context.stop();
    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.path("message").path("formatted").asText()).isEqualTo("now an error is enough");
    assertThat(event.path("breadcrumbs").get(0).path("message").asText()).isEqualTo("just a warning");
  }

  @Test
  void noListedSecretOrAddressAppearsAnywhereInWhatIsSent() {
    start(appender -> appender.addTag(new Tag("db_password", "tag-secret-value")));
    MDC.put("api_key", "mdc-secret-value");
    MDC.put("client", "203.0.113.9");
    log.info("login user=alice password=hunter2 from 10.1.2.3");
    log.info("config {\"api_key\":\"json-secret-value\", \"region\":\"eu\"}");
    log.info("calling with access_token: token-secret-value and auth_token='quoted secret value'");
    log.info("peer at 2001:db8::7334 answered");
    Thread.currentThread().setName("worker secret=thread-secret-value");
    try {
      log.error(
          FATAL,
          "failed for mysql_pwd=msg-secret-value",
          new IllegalStateException(
              "connect to 192.168.1.20 failed, credentials=exc-secret-value",
              new RuntimeException("cause with passwd=cause-secret-value")));
    } finally {
      Thread.currentThread().setName("main");
    }
    context.stop();

    receiver.awaitEvents(1, WAIT);
    String sent = new String(receiver.allRawBytes(), StandardCharsets.UTF_8);
    assertThat(sent)
        .doesNotContain(
            "hunter2",
            "10.1.2.3",
            "json-secret-value",
            "token-secret-value",
            "quoted secret value",
            "2001:db8::7334",
            "msg-secret-value",
            "exc-secret-value",
            "cause-secret-value",
            "192.168.1.20",
            "mdc-secret-value",
            "203.0.113.9",
            "tag-secret-value",
            "thread-secret-value")
        .contains("[Filtered]", "login user=alice password=[Filtered]");
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
      start(appender -> appender.setCaptureUncaught(true));
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
