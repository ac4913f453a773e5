package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.StatusSink;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.helpers.MessageFormatter;

/**
 * Suite 3: the whole cost of one panic, on the calling thread, with a full ring of 100 breadcrumbs:
 * snapshot (rendering each deferred message), event building, the SDK's processing (exception
 * chain with frames), scrubbing every string, and the SDK's hand-off to its transport. The engine
 * is configured as a user without a DSN would have it, with the outbox on {@code /dev/null}: so the
 * measurement also includes serialising the event to JSON, which with a DSN happens later on the
 * SDK's own sender thread. An upper bound, then.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PanicCaptureBenchmark {
  private static final StatusSink QUIET =
      new StatusSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message, Throwable cause) {}

        @Override
        public void error(String message, Throwable cause) {
          throw new IllegalStateException("Panicwatch reported an error while benchmarked: " + message, cause);
        }
      };

  private Panicwatch engine;
  private final Map<String, String> mdc =
      Map.of("requestId", "7f3c9a1e-52b4-4d8e-9c1a-0b6f2e8d4a73", "tenant", "acme", "route", "/v1/orders");

  @Setup
  public void start() {
    PanicwatchOptions options = new PanicwatchOptions();
    options.setEnableSentry("true");
    options.setOutbox("/dev/null");
    options.setRelease("2.4.1");
    options.setCaptureUncaught(false);
    if (!options.validate().isEmpty()) {
      throw new IllegalStateException("invalid benchmark options: " + options.validate());
    }
    engine =
        Panicwatch.start(
            "bench", options, (template, args) -> MessageFormatter.arrayFormat(template, args).getMessage(), QUIET);
    fillRing();
  }

  @TearDown
  public void stop() {
    engine.close();
  }

  /** 100 lines as a service writes them: a few with secrets, so the scrubber has work to do. */
  private void fillRing() {
    long now = System.currentTimeMillis() * 1_000_000L;
    String[] templates = {
      "order {} for customer {} reserved in {} ms",
      "GET /v1/orders/{} from {} took {} ms",
      "connecting to jdbc:postgresql://orders:s3cret-pw@db.internal:5432/orders as {} (attempt {} of {})",
      "cache miss for key {} (size {}, evictions {})",
      "retrying payment {} with header Authorization: Bearer {} after {} ms",
    };
    for (int i = 0; i < 100; i++) {
      String template = templates[i % templates.length];
      Object[] args = {"A-" + (20_000 + i), i % 3 == 0 ? "10.1.2." + i : "c-" + i, Integer.valueOf(i)};
      engine
          .breadcrumbs()
          .record(now + i, Severity.INFO, "com.example.orders.OrderService", "http-nio-8080-exec-" + (i % 8), template, args, mdc);
    }
  }

  @Benchmark
  public void panic() {
    // a fresh throwable each time, as in real panics: the SDK drops a throwable it has already seen
    IllegalStateException cause = new IllegalStateException("connection reset by 10.1.2.3:5432");
    PanicRecord panic =
        new PanicRecord(
            Instant.now(),
            Severity.FATAL,
            "com.example.orders.OrderService",
            Thread.currentThread(),
            Thread.currentThread().getName(),
            "order A-20481 lost: database gone (password=hunter2)",
            new UncheckedIOException("disk gone", new IOException("write failed", cause)),
            mdc,
            true);
    engine.captureOnCallingThread(panic);
  }
}
