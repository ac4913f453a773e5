package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.log4j2.Log4j2Harness.Setup;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Log4j2 breadcrumb path against a real logger context: what a slot keeps of Log4j2's reused
 * events, and that keeping it allocates nothing (issue 17). The delivery side of the same lines is
 * checked end to end by the scenario suites.
 */
class Log4j2BreadcrumbsTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @TempDir Path dir;
  private Log4j2Harness harness;

  private Log4j2Harness start(Setup setup) {
    harness = new Log4j2Harness(setup);
    harness.start(
        Map.of("captureUncaught", "false", "outbox", dir.resolve("outbox.jsonl").toString()), Map.of());
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
    ThreadContext.clearMap();
  }

  private List<RecordedLine> breadcrumbs() {
    return harness.appender().panicwatch().breadcrumbs().snapshot();
  }

  @Test
  void contextDataIsCopiedAtTheCallThoughLog4j2ReusesTheEventsMap() {
    Logger log = start(Setup.SYNCHRONOUS).logger("app.orders");
    ThreadContext.put("request", "r-1");
    log.info("one");
    ThreadContext.put("request", "r-2");
    ThreadContext.put("tenant", "acme");
    log.info("two");
    ThreadContext.clearMap();
    log.info("three");
    assertThat(breadcrumbs())
        .extracting(RecordedLine::mdc)
        .containsExactly(Map.of("request", "r-1"), Map.of("request", "r-2", "tenant", "acme"), Map.of());
  }

  @Test
  void aVeryLongMessageIsCutAtTheCallAndMarked() {
    Logger log = start(Setup.SYNCHRONOUS).logger("app.dump");
    log.info("payload {}", "item ".repeat(20_000));
    String message = breadcrumbs().get(0).message();
    // whole words up to 1024 characters, the mark included
    assertThat(message).hasSizeBetween(1019, 1024).endsWith(Scrubber.TRUNCATION_MARK);
    assertThat(message.substring(0, message.length() - Scrubber.TRUNCATION_MARK.length())).matches("payload( item)+ ?");
  }

  @Test
  void anArgumentWhoseToStringLogsLeavesBothLinesWhole() {
    Logger log = start(Setup.SYNCHRONOUS).logger("app.orders");
    Object chatty =
        new Object() {
          @Override
          public String toString() {
            log.info("inner line from toString()");
            return "the argument";
          }
        };
    log.info("outer line with {}", chatty);
    assertThat(breadcrumbs())
        .extracting(RecordedLine::message)
        .containsExactlyInAnyOrder("inner line from toString()", "outer line with the argument");
  }

  /**
   * Counted by the JVM for the thread that runs the appender (the logging thread, or Log4j2's own
   * under AsyncLogger), around Panicwatch's {@code append} alone: Log4j2's own allocations, which
   * differ between setups and JIT runs, are not part of it. Exact, not a timing.
   */
  @ParameterizedTest
  @EnumSource(value = Setup.class, names = {"SYNCHRONOUS", "ASYNC_LOGGER"})
  void aBreadcrumbAllocatesNothingOnceTheSlotsExist(Setup setup) throws Exception {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    Logger log = start(setup).logger("com.example.orders.OrderService");
    AllocationMeter meter = new AllocationMeter(harness.appender());
    meter.start();
    LoggerConfig root = harness.configuration().getRootLogger();
    root.removeAppender("PANIC");
    root.addAppender(meter, null, null);

    Object customer = "c-7731";
    Object millis = Integer.valueOf(1234);
    ThreadContext.put("requestId", "7f3c9a1e-52b4-4d8e-9c1a-0b6f2e8d4a73");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("route", "/v1/orders");
    String[] orders = {"A-20481", "A-20482", "A-20483"};
    int lines = 20_000;
    // the smallest object on every line would be 320 KB; a few hundred bytes is the JVM's own noise
    long noise = 1_000;
    for (int i = 0; i < lines; i++) { // makes the slots, grows their buffers
      log.info("order {} for customer {} reserved in {} ms", orders[i % 3], customer, millis);
    }
    meter.awaitCalls(lines);
    // The fewest bytes of up to three windows of 20,000 lines each. An allocation of Panicwatch's own
    // comes back on every line, so it shows in every window; a one-off of the JVM's does not (a
    // deoptimisation, for one, puts objects its compiled code had kept in registers on the heap,
    // charged to this thread; a single window read 1096 B once, under a load of 18).
    long allocated = Long.MAX_VALUE;
    for (int window = 1; window <= 3 && allocated >= noise; window++) {
      long before = meter.bytes;
      for (int i = 0; i < lines; i++) {
        log.info("order {} for customer {} reserved in {} ms", orders[i % 3], customer, millis);
      }
      meter.awaitCalls((window + 1L) * lines);
      allocated = Math.min(allocated, meter.bytes - before);
    }

    assertThat(breadcrumbs()).hasSize(100).allSatisfy(line -> {
      assertThat(line.message()).matches("order A-2048[123] for customer c-7731 reserved in 1234 ms");
      assertThat(line.mdc()).containsEntry("tenant", "acme");
    });
    assertThat(allocated).as("bytes allocated by Panicwatch for %d breadcrumbs", lines).isLessThan(noise);
  }

  /** Runs the appender it wraps and adds up what the running thread allocated meanwhile. */
  private static final class AllocationMeter extends AbstractAppender {
    private final Appender measured;
    volatile long bytes; // written by the appending thread only
    volatile long calls;

    AllocationMeter(Appender measured) {
      super("METER", null, null, true, Property.EMPTY_ARRAY);
      this.measured = measured;
    }

    @Override
    public void append(LogEvent event) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      measured.append(event);
      bytes += THREADS.getCurrentThreadAllocatedBytes() - before;
      calls++;
    }

    /** Under AsyncLogger the calls happen on Log4j2's thread, after the log calls returned. */
    void awaitCalls(long count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (calls < count && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(calls).as("lines that reached the appender").isEqualTo(count);
    }
  }
}
