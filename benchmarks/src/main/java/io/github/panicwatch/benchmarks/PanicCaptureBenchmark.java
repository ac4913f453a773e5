package io.github.panicwatch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.MarkerManager;
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
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * Suite 3: the whole cost of one panic, logged through a real appender as an application logs one,
 * with a full ring of 100 breadcrumbs logged the same way: the appender's selection, the snapshot on
 * the logging thread, the hand-off to the delivery thread, event building, the SDK's processing
 * (exception chain with frames), scrubbing every string, and the SDK's hand-off to its transport,
 * until the benchmark sees it done. Once per framework, since each fills the ring its own way:
 * Logback's appender keeps the events whole (the snapshot formats their messages), Log4j2's copies
 * each line into a slot at the call (the snapshot copies the text out, issue 17). The engine is
 * configured as a user without a DSN would have it, with the outbox on {@code /dev/null}: so the
 * measurement also includes serialising the event to JSON, which with a DSN happens later on the
 * SDK's own sender thread. An upper bound, then, that includes two thread hand-offs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PanicCaptureBenchmark {
  static final String LOGBACK = "logback";
  static final String LOG4J2 = "log4j2";

  /** Not {@code MarkerFactory}: that would start SLF4J's static binding, and with it any logback.xml. */
  private static final org.slf4j.Marker LOGBACK_FATAL = new BasicMarkerFactory().getMarker("FATAL");

  private static final org.apache.logging.log4j.Marker LOG4J2_FATAL = MarkerManager.getMarker("FATAL");

  /** Whose appender fills the ring and takes the panic: its breadcrumb path is the one measured. */
  @Param({LOGBACK, LOG4J2})
  public String framework;

  private LoggingFixture logback;
  private Log4j2LoggingFixture log4j2;

  @Setup
  public void start() throws InterruptedException {
    if (LOGBACK.equals(framework)) {
      logback = LoggingFixture.start(LoggingFixture.PANICWATCH_PANICS);
      fillRing((template, args) -> {
        logback.putMdc(LogCallArguments.REQUEST_CONTEXT.length);
        logback.logger().info(template, args);
      });
      // the panic's request: its breadcrumbs then leave out the same context, as in real panics
      logback.putMdc(LogCallArguments.REQUEST_CONTEXT.length);
    } else {
      log4j2 = Log4j2LoggingFixture.start(Log4j2LoggingFixture.PANICWATCH);
      fillRing((template, args) -> {
        Log4j2LoggingFixture.putContext(LogCallArguments.REQUEST_CONTEXT.length);
        log4j2.logger().info(template, args);
      });
      Log4j2LoggingFixture.putContext(LogCallArguments.REQUEST_CONTEXT.length);
    }
  }

  @TearDown
  public void stop() {
    if (logback != null) {
      logback.close();
    }
    if (log4j2 != null) {
      log4j2.close();
    }
    ThreadContext.clearMap();
  }

  /** One log call of a line on a request thread: the thread's context set, the template and its arguments. */
  private interface LogCall {
    void log(String template, Object[] args);
  }

  /**
   * 100 lines as a service writes them, from eight request threads by turns (so they land in
   * several stripes of the ring), each with its request's context; a few with secrets, so the
   * scrubber has work to do.
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
    UncheckedIOException thrown = new UncheckedIOException("disk gone", new IOException("write failed", cause));
    String message = "order A-20481 lost: database gone (password=hunter2)";
    if (logback != null) {
      logback.logger().error(LOGBACK_FATAL, message, thrown);
      logback.awaitPanics();
    } else {
      log4j2.logger().error(LOG4J2_FATAL, message, thrown);
      log4j2.awaitPanics();
    }
  }
}
