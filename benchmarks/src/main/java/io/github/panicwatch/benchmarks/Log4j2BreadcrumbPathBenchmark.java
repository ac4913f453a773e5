package io.github.panicwatch.benchmarks;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Suite 1 on Log4j2: one ordinary log call, {@code log.info(template, a, b, c)} through synchronous
 * Log4j2 loggers in garbage-free mode, each appender setup side by side: the {@code Null} appender
 * (the floor), Panicwatch instead of it; a pattern {@code File} appender as a {@code log4j2.xml}
 * declares it (a log file, flushed after every line), the same with Panicwatch beside it; the
 * cheapest pattern {@code File} appender (buffered, to {@code /dev/null}), the same with Panicwatch
 * beside it, and, for reference, with the {@code Null} appender beside it (what any second appender
 * costs) and an appender that only copies the message at the call, alone and beside that {@code
 * File} appender (the least a breadcrumb formatted at the call costs). Run with {@code -prof gc}:
 * the point of issue 17 is the bytes per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
// JMH's -jvmArgsAppend on the command line replaces this list, and the forks then run Log4j2's
// default ThreadContext map and clock (measured: another map whose forEach sorts its keys on each
// call); add a flag of your own with -jvmArgsPrepend
@Fork(jvmArgsAppend = {
  "-Dlog4j2.is.webapp=false",
  "-Dlog4j2.enableThreadlocals=true",
  "-Dlog4j2.enableDirectEncoders=true",
  "-Dlog4j2.garbagefreeThreadContextMap=true",
  // Log4j2's default clock makes a java.time.Instant per event, which the JIT removes in some
  // compilations and not in others: the floor would show 0 or 24 B/op at random (measured)
  "-Dlog4j2.clock=SystemMillisClock",
})
public class Log4j2BreadcrumbPathBenchmark {
  @Param({
    Log4j2LoggingFixture.NULL,
    Log4j2LoggingFixture.PANICWATCH,
    Log4j2LoggingFixture.FILE,
    Log4j2LoggingFixture.FILE_AND_PANICWATCH,
    Log4j2LoggingFixture.FILE_AND_NULL,
    Log4j2LoggingFixture.COPY,
    Log4j2LoggingFixture.FILE_AND_COPY,
    Log4j2LoggingFixture.LOG_FILE,
    Log4j2LoggingFixture.LOG_FILE_AND_PANICWATCH
  })
  public String appender;

  /** ThreadContext entries on the logging thread: 0, or 3 as a request filter would set. */
  @Param({"0", "3"})
  public int contextEntries;

  private Log4j2LoggingFixture fixture;
  private Logger logger;

  @Setup
  public void start() {
    fixture = Log4j2LoggingFixture.start(appender);
    logger = fixture.logger();
  }

  /** A log file that grew for the whole fork would be written back to disk during the measurement. */
  @Setup(Level.Iteration)
  public void emptyLogFile() {
    fixture.emptyLogFile();
  }

  @TearDown
  public void stop() {
    fixture.close();
  }

  /** One logging thread's arguments and ThreadContext. */
  @State(Scope.Thread)
  public static class CallSite extends LogCallArguments {
    @Setup
    public void putContext(Log4j2BreadcrumbPathBenchmark benchmark) {
      Log4j2LoggingFixture.putContext(benchmark.contextEntries);
    }
  }

  @Benchmark
  public void infoCall(CallSite call) {
    logger.info(LogCallArguments.TEMPLATE, call.orderId, call.customer, call.millis);
  }
}
