package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.logback.EngineAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.ThreadContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Suite 3: the whole cost of one panic, on the calling thread, with a full ring of 100 breadcrumbs:
 * snapshot, event building, the SDK's processing (exception chain with frames), scrubbing every
 * string, and the SDK's hand-off to its transport. The ring is filled as each adapter fills it,
 * by logging through a real appender: Logback's keeps the events whole (the snapshot formats their
 * messages), Log4j2's copies each line into a slot at the call (the snapshot copies the text out).
 * The engine is configured as a user without a DSN would have it, with the outbox on {@code
 * /dev/null}: so the measurement also includes serialising the event to JSON, which with a DSN
 * happens later on the SDK's own sender thread. An upper bound, then.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PanicCaptureBenchmark {
  static final String LOGBACK = "logback";
  static final String LOG4J2 = "log4j2";

  private static final String[][] CONTEXT = LogCallArguments.REQUEST_CONTEXT;
  /** The panic's MDC: the same request's, so its breadcrumbs leave theirs out, as in real panics. */
  private static final Map<String, String> MDC =
      Map.of(CONTEXT[0][0], CONTEXT[0][1], CONTEXT[1][0], CONTEXT[1][1], CONTEXT[2][0], CONTEXT[2][1]);

  /** Whose appender fills the ring: its breadcrumb path is the one the snapshot reads back. */
  @Param({LOGBACK, LOG4J2})
  public String framework;

  private AutoCloseable fixture;
  private Panicwatch engine;

  @Setup
  public void start() throws Exception {
    if (LOGBACK.equals(framework)) {
      LoggingFixture logback = LoggingFixture.start(LoggingFixture.PANICWATCH);
      fixture = logback;
      engine = EngineAccess.of(logback.panicwatch());
      fillRing((template, args) -> {
        logback.putMdc(CONTEXT.length);
        logback.logger().info(template, args);
      });
    } else {
      Log4j2LoggingFixture log4j2 = Log4j2LoggingFixture.start(Log4j2LoggingFixture.PANICWATCH);
      fixture = log4j2;
      engine = io.github.panicwatch.log4j2.EngineAccess.of(log4j2.panicwatch());
      fillRing((template, args) -> {
        Log4j2LoggingFixture.putContext(CONTEXT.length);
        log4j2.logger().info(template, args);
        ThreadContext.clearMap();
      });
    }
    if (engine == null) {
      throw new IllegalStateException(framework + ": Panicwatch is not running");
    }
  }

  @TearDown
  public void stop() throws Exception {
    fixture.close();
  }

  /** One log call of a line: the logging thread's context set, the template and its arguments. */
  private interface LogCall {
    void log(String template, Object[] args);
  }

  /**
   * 100 lines as a service writes them, from eight request threads by turns (so they land in
   * several stripes), each with its request's context; a few with secrets, so the scrubber has
   * work to do.
   */
  private static void fillRing(LogCall call) throws InterruptedException {
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
      Thread thread = new Thread(() -> call.log(template, args), "http-nio-8080-exec-" + (i % 8));
      thread.start();
      thread.join();
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
            MDC,
            true);
    engine.captureOnCallingThread(panic);
  }
}
