package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * Suite 3: the whole cost of one panic, logged through the Logback appender as an application logs
 * one, with a full ring of 100 breadcrumbs logged the same way: the appender's selection, the
 * snapshot on the logging thread (formatting each kept event's message), the hand-off to the
 * delivery thread, event building, the SDK's processing (exception chain with frames), scrubbing
 * every string, and the SDK's hand-off to its transport, until the benchmark sees it done. The
 * engine is configured as a user without a DSN would have it, with the outbox on {@code /dev/null}:
 * so the measurement also includes serialising the event to JSON, which with a DSN happens later on
 * the SDK's own sender thread. An upper bound, then, that includes two thread hand-offs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PanicCaptureBenchmark {
  /** Not {@code MarkerFactory}: that would start SLF4J's static binding, and with it any logback.xml. */
  private static final Marker FATAL = new BasicMarkerFactory().getMarker("FATAL");

  private LoggingFixture fixture;
  private Logger logger;

  @Setup
  public void start() {
    fixture = LoggingFixture.start(LoggingFixture.PANICWATCH_PANICS);
    logger = fixture.logger();
    fixture.putMdc(3);
    fillRing();
  }

  @TearDown
  public void stop() {
    fixture.close();
  }

  /** 100 lines as a service writes them: a few with secrets, so the scrubber has work to do. */
  private void fillRing() {
    String[] templates = {
      "order {} for customer {} reserved in {} ms",
      "GET /v1/orders/{} from {} took {} ms",
      "connecting to jdbc:postgresql://orders:s3cret-pw@db.internal:5432/orders as {} (attempt {} of {})",
      "cache miss for key {} (size {}, evictions {})",
      "retrying payment {} with header Authorization: Bearer {} after {} ms",
    };
    for (int i = 0; i < 100; i++) {
      logger.info(templates[i % templates.length], "A-" + (20_000 + i), i % 3 == 0 ? "10.1.2." + i : "c-" + i, i);
    }
  }

  @Benchmark
  public void panic() {
    // a fresh throwable each time, as in real panics: the SDK drops a throwable it has already seen
    IllegalStateException cause = new IllegalStateException("connection reset by 10.1.2.3:5432");
    logger.error(
        FATAL,
        "order A-20481 lost: database gone (password=hunter2)",
        new UncheckedIOException("disk gone", new IOException("write failed", cause)));
    fixture.awaitPanics();
  }
}
