package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.select.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end behaviour every adapter must show, written once: the real SDK posting real
 * envelopes to a {@link SentryReceiver} on 127.0.0.1, decoded and checked. Each adapter's tests
 * extend this with a {@link #harness()} over its framework, so parity is checked, not promised.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AppenderScenarios {
  private static final Duration WAIT = Duration.ofSeconds(20);

  protected final SentryReceiver receiver = SentryReceiver.start();
  private AppenderHarness harness;
  @TempDir protected Path dir;

  /** A fresh harness over the adapter's framework; called once per test, before it runs. */
  protected abstract AppenderHarness harness();

  @BeforeEach
  void createHarness() {
    harness = harness();
  }

  private void start(Map<String, String> options) {
    start(options, Map.of());
  }

  private void start(Map<String, String> options, Map<String, String> tags) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("dsn", receiver.dsn());
    // a spool of this test's own: the default one is per DSN, and a receiver's port can come round
    // again in this JVM, so a file an earlier test's engine left would be sent to this test's receiver
    all.put("cacheDirPath", dir.resolve("spool").toString());
    all.put("captureUncaught", "false");
    all.putAll(options);
    harness.start(all, tags);
  }

  @AfterEach
  void tearDown() {
    try {
      harness.stop();
    } finally {
      harness.clearContext();
      receiver.close();
    }
  }

  @Test
  void aPanicArrivesWithLevelMessageExceptionChainTagsReleaseAndEnvironment() {
    start(Map.of("release", "2.4.1", "edition", "enterprise"), Map.of("service", "alpha"));
    IllegalStateException failure = new IllegalStateException("disk gone", new IOException("EIO on /dev/sdb"));
    harness.log("app.orders", Severity.ERROR, "FATAL", "cannot write order {}", 1234, failure);
    harness.stop();

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
  void breadcrumbsArriveOldestFirstWithThreadNamesAndContextOfTheirLogCall() throws Exception {
    start(Map.of());
    harness.putContext("request_id", "r-1");
    harness.log("app.orders", Severity.INFO, null, "first from main");
    harness.putContext("request_id", "r-2");
    Thread worker =
        new Thread(() -> harness.log("app.worker", Severity.WARN, null, "from worker {}", 7), "worker-7");
    worker.start();
    worker.join();
    harness.log("app.orders", Severity.DEBUG, null, "below the breadcrumb level");
    harness.log("app.orders", Severity.INFO, null, "last from main");
    harness.log("app.orders", Severity.ERROR, "FATAL", "boom");
    harness.stop();

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
    // the last line was logged in the panic's own context: its MDC is the event's, not repeated
    assertThat(requestIds).containsExactly("r-1", "", "");
    assertThat(event.path("breadcrumbs").get(1).path("level").asText()).isEqualTo("warning");
    assertThat(event.path("breadcrumbs").get(1).path("category").asText()).isEqualTo("app.worker");
    assertThat(event.path("contexts").path("MDC").path("request_id").asText()).isEqualTo("r-2");
  }

  @Test
  void onlyPanicsLeaveTheProcess() {
    start(Map.of());
    harness.log("app", Severity.ERROR, null, "an ordinary error");
    harness.log("app", Severity.WARN, null, "a warning");
    harness.log("app", Severity.ERROR, "AUDIT", "another marker");
    harness.log("app", Severity.ERROR, "FATAL", "the one panic");
    harness.stop();

    List<JsonNode> events = receiver.awaitEvents(1, WAIT);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("message").path("formatted").asText()).isEqualTo("the one panic");
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void thePanicMarkerPanicWorksLikeFatal() {
    start(Map.of());
    harness.log("app", Severity.WARN, "PANIC", "ledger corrupt");
    harness.stop();
    assertThat(receiver.awaitEvents(1, WAIT).get(0).path("message").path("formatted").asText())
        .isEqualTo("ledger corrupt");
  }

  @Test
  void minimumEventLevelMakesErrorsPanics() {
    start(Map.of("minimumEventLevel", "ERROR"));
    harness.log("app", Severity.WARN, null, "just a warning");
    harness.log("app", Severity.ERROR, null, "now an error is enough");
    harness.stop();
    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(event.path("message").path("formatted").asText()).isEqualTo("now an error is enough");
    assertThat(event.path("breadcrumbs").get(0).path("message").asText()).isEqualTo("just a warning");
  }

  @Test
  void noListedSecretOrAddressAppearsInTheRawBytesSent() {
    start(Map.of(), Map.of("db_password", "tag-secret-value"));
    harness.putContext("api_key", "mdc-secret-value");
    harness.putContext("client", "203.0.113.9");
    harness.log("app", Severity.INFO, null, "login user=alice password=hunter2 from 10.1.2.3");
    harness.log("app", Severity.INFO, null, "config {\"api_key\":\"json-secret-value\", \"region\":\"eu\"}");
    harness.log("app", Severity.INFO, null, "calling with access_token: {} and auth_token='{}'", "token-secret-value", "quoted secret value");
    harness.log("app", Severity.INFO, null, "peer at 2001:db8::7334 answered");
    String name = Thread.currentThread().getName();
    Thread.currentThread().setName("worker secret=thread-secret-value");
    try {
      harness.log(
          "app",
          Severity.ERROR,
          "FATAL",
          "failed for mysql_pwd=msg-secret-value",
          new IllegalStateException(
              "connect to 192.168.1.20 failed, credentials=exc-secret-value",
              new RuntimeException("cause with passwd=cause-secret-value")));
    } finally {
      Thread.currentThread().setName(name);
    }
    harness.stop();

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
  void captureUncaughtFalseLeavesUncaughtExceptionsToTheHandlerThatWasThere() throws Exception {
    List<Throwable> seenByPrevious = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler previous = (thread, throwable) -> seenByPrevious.add(throwable);
    Thread.setDefaultUncaughtExceptionHandler(previous);
    try {
      start(Map.of("captureUncaught", "false"));
      Thread.UncaughtExceptionHandler whileRunning = Thread.getDefaultUncaughtExceptionHandler();
      IllegalStateException crash = new IllegalStateException("left to the application");
      Thread doomed = new Thread(() -> { throw crash; }, "doomed-worker");
      doomed.start();
      doomed.join();
      harness.log("app", Severity.ERROR, "FATAL", "the one panic");
      harness.stop(); // flushes: a report of the uncaught exception would have been sent by now

      assertThat(receiver.awaitEvents(1, WAIT))
          .extracting(event -> event.path("message").path("formatted").asText())
          .containsExactly("the one panic");
      assertThat(whileRunning).isSameAs(previous);
      assertThat(seenByPrevious).containsExactly(crash);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(original);
    }
  }

  @Test
  void withADsnAndAnOutboxEachPanicIsSentAndTheOutboxGetsTheEventAsSent() throws Exception {
    Path outbox = dir.resolve("outbox.jsonl");
    start(Map.of("outbox", outbox.toString()));
    harness.log("app", Severity.INFO, null, "login password=hunter2");
    harness.log("app", Severity.ERROR, "FATAL", "disk gone");
    harness.stop();

    JsonNode sent = receiver.awaitEvents(1, WAIT).get(0);
    List<String> lines = Files.readAllLines(outbox, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    JsonNode copied = ReceivedEnvelope.JSON.readTree(lines.get(0));
    assertThat(copied).isEqualTo(sent);
    assertThat(copied.path("breadcrumbs").get(0).path("message").asText()).isEqualTo("login password=[Filtered]");
  }

  @Test
  void enableSentryFalseLeavesTheAppenderInert() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Path outbox = dir.resolve("outbox.jsonl");
    start(Map.of("enableSentry", "false", "captureUncaught", "true", "outbox", outbox.toString()));
    harness.log("app", Severity.INFO, null, "a line");
    harness.log("app", Severity.ERROR, "FATAL", "not reported");
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("panicwatch"));
    harness.stop();

    assertThat(outbox).doesNotExist();
    assertThat(receiver.requestCount()).isZero();
  }
}
