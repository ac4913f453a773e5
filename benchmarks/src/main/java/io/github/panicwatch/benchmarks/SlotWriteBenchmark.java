package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbSlot;
import io.github.panicwatch.log4j2.BreadcrumbWrite;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Log4j2 breadcrumb's own share of a log call (issue 17), without the rest of Log4j2's call
 * around it: {@code Log4j2Breadcrumbs.write} itself, on a ring of the default 100 lines, given the
 * reusable event a synchronous garbage-free logger hands the appender (a {@link MutableLogEvent},
 * its message already formatted into the event's own buffer). Suite 1 on Log4j2 measures the whole
 * call; this splits the slot write into its parts, so a change to {@link BreadcrumbSlot} or {@link
 * BreadcrumbRing} shows where its nanoseconds went.
 *
 * <ul>
 *   <li>{@code textCopy}: only the message copied into a reused buffer, the floor of any copy at
 *       the call;
 *   <li>{@code claimAndPublish}: a slot held and given back with nothing in it: the ring's
 *       bookkeeping (stripe, index, the compare-and-set, the release);
 *   <li>{@code wholeLine}: the adapter's write of one line: claim, the fields, the message through
 *       the event's {@code formatTo}, the context entries, publish.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
public class SlotWriteBenchmark {
  /** ThreadContext entries of the line: 0, or 3 as a request filter would set. */
  @Param({"0", "3"})
  public int contextEntries;

  private final BreadcrumbRing ring = BreadcrumbRing.ofSlots(100);
  /** Suite 1's call as Log4j2 hands it to an appender; reused, as Log4j2 reuses it. */
  private final MutableLogEvent event = new MutableLogEvent();
  /** The formatted message of suite 1's call, as the event holds it. */
  private final StringBuilder formatted = new StringBuilder();
  private final StringBuilder copy = new StringBuilder(128);

  @Setup
  public void makeEvent() {
    LogCallArguments call = new LogCallArguments() {};
    event.setLoggerName(Log4j2LoggingFixture.LOGGER_NAME);
    event.setLevel(Level.INFO);
    event.setThreadName(Thread.currentThread().getName());
    event.setTimeMillis(System.currentTimeMillis());
    event.setMessage(new ReusableParameterizedMessage().set(LogCallArguments.TEMPLATE, call.orderId, call.customer, call.millis));
    SortedArrayStringMap context = new SortedArrayStringMap();
    for (int i = 0; i < contextEntries; i++) {
      context.putValue(LogCallArguments.REQUEST_CONTEXT[i][0], LogCallArguments.REQUEST_CONTEXT[i][1]);
    }
    event.setContextData(context);
    event.formatTo(formatted);
  }

  @Benchmark
  public StringBuilder textCopy() {
    copy.setLength(0);
    return copy.append(formatted);
  }

  @Benchmark
  public void claimAndPublish() {
    BreadcrumbSlot slot = ring.claim();
    if (slot != null) {
      slot.publish();
    }
  }

  @Benchmark
  public void wholeLine() {
    BreadcrumbWrite.write(ring, event);
  }
}
