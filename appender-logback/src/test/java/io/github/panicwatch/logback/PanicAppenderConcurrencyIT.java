package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Two threads hammering one appender with ordinary lines and panics: no deadlock, no loss, no duplicate. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicAppenderConcurrencyIT {
  private static final Marker FATAL = MarkerFactory.getMarker("FATAL");
  private static final int THREADS = 2;
  private static final int CALLS_PER_THREAD = 500_000;
  private static final int PANIC_EVERY = 10_000;

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();
  @TempDir Path cacheDir;

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
  }

  @Test
  void twoThreadsMakingAMillionLogCallsWithInterleavedPanicsDeliverEveryPanicExactlyOnce() throws Exception {
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(receiver.dsn());
    appender.setCacheDirPath(cacheDir.toString());
    appender.setCaptureUncaught("false");
    appender.setMaxEventsPerFingerprint("0"); // every panic here shares one template
    appender.setFlushTimeoutMillis("30000");
    appender.start();
    assertThat(appender.isStarted()).isTrue();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);

    CyclicBarrier together = new CyclicBarrier(THREADS);
    List<Thread> threads =
        IntStream.range(0, THREADS)
            .mapToObj(t -> new Thread(() -> logMany(t, together), "hammer-" + t))
            .toList();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    int expected = THREADS * CALLS_PER_THREAD / PANIC_EVERY;
    List<JsonNode> accepted = receiver.awaitAcceptedEvents(expected, Duration.ofSeconds(60));
    context.stop();

    List<String> messages =
        receiver.acceptedEvents().stream().map(event -> event.path("message").path("formatted").asText()).toList();
    assertThat(accepted).hasSize(expected);
    assertThat(messages).hasSize(expected).doesNotHaveDuplicates();
    assertThat(messages)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, THREADS)
                .boxed()
                .flatMap(t -> IntStream.range(0, CALLS_PER_THREAD / PANIC_EVERY).mapToObj(i -> "panic " + t + "/" + i))
                .toList());
    assertThat(accepted.get(0).path("breadcrumbs").size()).isLessThanOrEqualTo(100);
  }

  private void logMany(int thread, CyclicBarrier together) {
    Logger log = context.getLogger("app.hammer" + thread);
    try {
      together.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < CALLS_PER_THREAD; i++) {
      if (i % PANIC_EVERY == PANIC_EVERY - 1) {
        log.error(FATAL, "panic {}/{}", thread, i / PANIC_EVERY);
      } else {
        log.info("line {} of {}", i, thread);
      }
    }
  }
}
