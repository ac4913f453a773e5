package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.log4j2.Log4j2Harness.Setup;
import io.github.panicwatch.testing.SentryReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.util.Constants;
import org.apache.logging.log4j.message.ReusableMessageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Log4j2-only delivery cases: the FATAL level, marker parents, and Log4j2's reuse of events,
 * messages and parameters. The scenarios both adapters share run in {@link PanicAppenderScenariosIT}
 * and its async variants.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PanicAppenderDeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SentryReceiver receiver = SentryReceiver.start();
  private Log4j2Harness harness;

  private Log4j2Harness start(Setup setup, Map<String, String> options) {
    harness = new Log4j2Harness(setup);
    Map<String, String> all = new java.util.LinkedHashMap<>(options);
    all.put("dsn", receiver.dsn());
    all.put("captureUncaught", "false");
    harness.start(all, Map.of());
    return harness;
  }

  @AfterEach
  void tearDown() {
    if (harness != null) {
      harness.stop();
    }
    ThreadContext.clearMap();
    receiver.close();
  }

  private static List<String> breadcrumbs(JsonNode event, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode crumb : event.path("breadcrumbs")) {
      JsonNode value = crumb;
      for (String step : field.split("\\.")) {
        value = value.path(step);
      }
      values.add(value.asText());
    }
    return values;
  }

  @Test
  void anEventAtLevelFatalIsAPanicWithoutAnyMarker() {
    Logger log = start(Setup.SYNCHRONOUS, Map.of()).logger("app.replica");
    log.error("an ordinary error");
    log.fatal("replica diverged at offset {}", 42);
    harness.stop();

    List<JsonNode> events = receiver.awaitEvents(1, WAIT);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("level").asText()).isEqualTo("fatal");
    assertThat(events.get(0).path("message").path("formatted").asText()).isEqualTo("replica diverged at offset 42");
    assertThat(breadcrumbs(events.get(0), "message")).containsExactly("an ordinary error");
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void aMarkerWhoseParentIsAPanicMarkerMakesAPanic() {
    Logger log = start(Setup.SYNCHRONOUS, Map.of()).logger("app.billing");
    Marker billing = MarkerManager.getMarker("BILLING-" + UUID.randomUUID()).setParents(MarkerManager.getMarker("PANIC"));
    Marker grandchild = MarkerManager.getMarker("LEDGER-" + UUID.randomUUID()).setParents(billing);
    log.warn(grandchild, "ledger corrupt");
    harness.stop();
    assertThat(receiver.awaitEvents(1, WAIT).get(0).path("message").path("formatted").asText())
        .isEqualTo("ledger corrupt");
  }

  @Test
  void aReusedMessageOverwrittenByTheNextCallLeavesEarlierBreadcrumbsAsLogged() {
    Logger log = start(Setup.SYNCHRONOUS, Map.of()).logger("app.orders");
    // the case only proves something while Log4j2 reuses one message (and its parameter array) per thread
    assertThat(Constants.ENABLE_THREADLOCALS).isTrue();
    assertThat((Object) log.getMessageFactory()).isInstanceOf(ReusableMessageFactory.class);

    List<String> cart = new ArrayList<>(List.of("apple"));
    log.info("order {} for {}", 1, "alice");
    log.info("order {} for {}", 2, "bob"); // same thread: overwrites the first call's parameters
    log.info("cart {}", cart);
    cart.add("pear"); // a mutable argument changed after its call
    log.fatal("boom");
    harness.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(breadcrumbs(event, "message")).containsExactly("order 1 for alice", "order 2 for bob", "cart [apple]");
  }

  @Test
  void underAsyncLoggersEveryLapOfTheReusedRingKeepsItsLineThreadAndContext() throws Exception {
    Log4j2Harness async = start(Setup.ASYNC_LOGGER, Map.of("maxBreadcrumbs", "400"));
    // the ring is as small as Log4j2 allows (failsafe sets it), so 400 lines reuse each slot three times
    assertThat(((AsyncLoggerContext) async.logger("app").getContext()).createRingBufferAdmin().getBufferSize())
        .isEqualTo(128);
    // and the ThreadContext is copied into each ring slot's own reused map (failsafe turns this on)
    assertThat(ThreadContext.getThreadContextMap().getClass().getSimpleName())
        .isEqualTo("GarbageFreeSortedArrayThreadContextMap");
    Logger log = async.logger("app.batch");
    Runnable batch =
        () -> {
          String thread = Thread.currentThread().getName();
          for (int i = 0; i < 200; i++) {
            ThreadContext.put("line", thread + "-" + i);
            log.info("line {} from {}", i, thread);
          }
          ThreadContext.clearMap();
        };
    batch.run();
    Thread worker = new Thread(batch, "batch-worker");
    worker.start();
    worker.join();
    log.fatal("batch failed");
    harness.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    String main = Thread.currentThread().getName();
    List<String> messages = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    List<String> contexts = new ArrayList<>();
    for (String thread : List.of(main, "batch-worker")) {
      for (int i = 0; i < 200; i++) {
        messages.add("line " + i + " from " + thread);
        threads.add(thread);
        contexts.add(thread + "-" + i);
      }
    }
    assertThat(breadcrumbs(event, "message")).containsExactlyElementsOf(messages);
    assertThat(breadcrumbs(event, "data.thread")).containsExactlyElementsOf(threads);
    assertThat(breadcrumbs(event, "data.MDC.line")).containsExactlyElementsOf(contexts);
    assertThat(event.path("extra").path("thread_name").asText()).isEqualTo(main);
  }
}
