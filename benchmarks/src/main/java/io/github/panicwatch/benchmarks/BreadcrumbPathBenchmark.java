package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.Logger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Suites 1 and 2: one ordinary log call, {@code log.info(template, a, b, c)} through a real Logback
 * context, with each appender under test side by side. For Panicwatch the call is recorded as a
 * breadcrumb (or, switched off, ignored); for the official appender it becomes a Sentry breadcrumb.
 * Run with {@code -prof gc} for the bytes each call allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class BreadcrumbPathBenchmark {
  @Param({LoggingFixture.NOOP, LoggingFixture.PANICWATCH, LoggingFixture.PANICWATCH_OFF, LoggingFixture.SENTRY})
  public String appender;

  /** MDC entries on the logging thread: 0, or 3 as a request filter would set. */
  @Param({"0", "3"})
  public int mdcEntries;

  private LoggingFixture fixture;
  private Logger logger;

  @Setup
  public void start() {
    fixture = LoggingFixture.start(appender);
    logger = fixture.logger();
  }

  @TearDown
  public void stop() {
    fixture.close();
  }

  /** One logging thread's arguments and MDC. */
  @State(Scope.Thread)
  public static class CallSite extends LogCallArguments {
    @Setup
    public void putMdc(BreadcrumbPathBenchmark benchmark) {
      benchmark.fixture.putMdc(benchmark.mdcEntries);
    }
  }

  @Benchmark
  public void infoCall(CallSite call) {
    logger.info(LogCallArguments.TEMPLATE, call.orderId, call.customer, call.millis);
  }

  /** The same call from two threads at once: per-call time should stay near the one-thread time. */
  @Benchmark
  @Threads(2)
  public void infoCallTwoThreads(CallSite call) {
    logger.info(LogCallArguments.TEMPLATE, call.orderId, call.customer, call.millis);
  }
}
