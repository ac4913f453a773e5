package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbSlot;
import io.github.panicwatch.core.select.Severity;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The Log4j2 breadcrumb's own share of a log call (issue 17), without Log4j2 around it: the calls
 * {@code Log4j2Breadcrumbs.write} makes into the core's ring of slots, in the same order, on a ring
 * of the default 100 lines. Suite 1 on Log4j2 measures the whole call; this splits the slot write
 * into its parts, so a change to {@link BreadcrumbSlot} or {@link BreadcrumbRing} shows where its
 * nanoseconds went. The message is appended from a {@link StringBuilder}, as Log4j2's reusable
 * event hands it over ({@code MutableLogEvent.formatTo} appends its formatted text).
 *
 * <ul>
 *   <li>{@code textCopy}: only the message copied into a reused buffer, the floor of any copy at
 *       the call;
 *   <li>{@code claimAndPublish}: a slot held and given back with nothing in it: the ring's
 *       bookkeeping (stripe, index, the compare-and-set, the release);
 *   <li>{@code wholeLine}: what the adapter does for one line: claim, the fields, the message, the
 *       context entries, publish.
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

  private static final String LOGGER = Log4j2LoggingFixture.LOGGER_NAME;

  private final BreadcrumbRing ring = BreadcrumbRing.ofSlots(100);
  /** The formatted message of suite 1's call, as the event holds it. */
  private final StringBuilder formatted = new StringBuilder("order A-20481 for customer c-7731 reserved in 1234 ms");
  private final StringBuilder copy = new StringBuilder(128);
  private final String thread = Thread.currentThread().getName();
  private long time;

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
    BreadcrumbSlot slot = ring.claim();
    if (slot != null) {
      slot.line(++time, Severity.INFO, LOGGER, thread);
      slot.text().append(formatted);
      for (int i = 0; i < contextEntries; i++) {
        slot.putContext(LogCallArguments.REQUEST_CONTEXT[i][0], LogCallArguments.REQUEST_CONTEXT[i][1]);
      }
      slot.publish();
    }
  }
}
