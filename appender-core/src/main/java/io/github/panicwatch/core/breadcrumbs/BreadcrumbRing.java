package io.github.panicwatch.core.breadcrumbs;

import io.github.panicwatch.core.select.Severity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bounded, process-wide memory of recent log lines, written on every log call of the host and
 * read only when a panic happens.
 *
 * <p>Writing must cost close to nothing and must not contend between threads. One shared ring with
 * one atomic index makes that index and its slots bounce between cores (measured at about 2.6x a
 * no-op appender at 2 threads), and one ring per thread pays a {@code ThreadLocal} lookup and grows
 * with the thread count. So the ring is striped: a fixed number of stripes, each a small ring of its
 * own with its own index, chosen by thread id. Threads on different cores almost always write to
 * different stripes. A write is one uncontended atomic increment and a few plain stores into a
 * preallocated slot; nothing is formatted or allocated. A snapshot merges the stripes by time and
 * keeps the newest {@code capacity} lines, so the panic sees lines from every thread, oldest first.
 *
 * <p>Each slot carries the index of the write that filled it, published last (release) and checked
 * before and after the read, so a snapshot skips a slot that is being written. Two writers of one
 * stripe can only meet on one slot when one of them stalls for a whole lap of the stripe mid-write;
 * the snapshot then also re-reads the stripe's index and drops any slot a later lap may have
 * reached, so it never returns a line made of two. All of that checking happens at the panic, none
 * of it on the write path.
 *
 * <p>Formatting is deferred to the snapshot: a mutable argument changed after the log call shows its
 * later value. Adapters that cannot tolerate this (or whose events are reused) pass the finished
 * message and no arguments.
 */
public final class BreadcrumbRing {

  private static final int MAX_STRIPES = 64;

  private final Stripe[] stripes;
  private final int stripeMask;
  private final int capacity;
  private final MessageRenderer renderer;

  /**
   * @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none
   * @param renderer turns a template and its arguments into the message, at snapshot time
   */
  public BreadcrumbRing(int capacity, MessageRenderer renderer) {
    this(capacity, renderer, Runtime.getRuntime().availableProcessors() * 4);
  }

  BreadcrumbRing(int capacity, MessageRenderer renderer, int stripesWanted) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.renderer = renderer;
    int stripeCount = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, stripesWanted - 1)) << 1);
    this.stripes = new Stripe[stripeCount];
    this.stripeMask = stripeCount - 1;
    // each stripe must be able to hold a whole snapshot: one busy thread may write every line
    int slotsPerStripe = capacity == 0 ? 1 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(slotsPerStripe);
    }
  }

  /** How many lines a snapshot returns at most. */
  public int capacity() {
    return capacity;
  }

  /**
   * Records one log line. Keeps references to the arguments and the MDC map: both must not be
   * mutated by the caller afterwards (Logback's MDC map is copy-on-write, so its reference is a
   * snapshot).
   */
  public void record(
      long epochNanos,
      Severity level,
      String logger,
      String thread,
      String template,
      Object[] arguments,
      Map<String, String> mdc) {
    if (capacity == 0) {
      return;
    }
    // Thread.getId() is a plain field read on JDK 17; ids are sequential, so masking spreads them
    @SuppressWarnings("deprecation")
    int stripeIndex = (int) Thread.currentThread().getId() & stripeMask;
    stripes[stripeIndex].write(epochNanos, level, logger, thread, template, arguments, mdc);
  }

  /**
   * The newest lines of all threads, oldest first, at most {@link #capacity()}. Runs only at a
   * panic; renders each message here.
   */
  public List<RecordedLine> snapshot() {
    List<Slot> copies = new ArrayList<>();
    for (Stripe stripe : stripes) {
      stripe.copyInto(copies, capacity);
    }
    // stable sort: lines of one stripe with equal times keep their write order
    copies.sort(Comparator.comparingLong(slot -> slot.epochNanos));
    int from = Math.max(0, copies.size() - capacity);
    List<RecordedLine> lines = new ArrayList<>(copies.size() - from);
    for (Slot copy : copies.subList(from, copies.size())) {
      lines.add(
          new RecordedLine(
              copy.epochNanos,
              copy.level,
              copy.logger,
              copy.thread,
              render(copy.template, copy.arguments),
              copy.mdc == null ? Map.of() : copy.mdc));
    }
    return lines;
  }

  private String render(String template, Object[] arguments) {
    if (arguments == null || arguments.length == 0) {
      return template;
    }
    try {
      return renderer.render(template, arguments);
    } catch (RuntimeException e) {
      // an argument's toString() failed; the template still tells what was logged
      return template;
    }
  }

  /** One line's fields; preallocated in the ring, copied out at snapshot time. */
  private static final class Slot {
    private static final VarHandle SEQUENCE;

    static {
      try {
        SEQUENCE = MethodHandles.lookup().findVarHandle(Slot.class, "sequence", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** Index of the write that filled this slot; -1 while a write is in progress. */
    @SuppressWarnings("unused") // accessed through SEQUENCE
    private long sequence = -1;

    long epochNanos;
    Severity level;
    String logger;
    String thread;
    String template;
    Object[] arguments;
    Map<String, String> mdc;
  }

  /** Left padding: keeps a stripe's write index off the cache line of whatever precedes it. */
  @SuppressWarnings("unused")
  private abstract static class LeftPad {
    long p01, p02, p03, p04, p05, p06, p07;
  }

  private abstract static class WriteIndex extends LeftPad {
    static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(WriteIndex.class, "next", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    @SuppressWarnings("unused") // accessed through NEXT
    private volatile long next;
  }

  /** Right padding: keeps the index off the cache line of the next stripe's index. */
  @SuppressWarnings("unused")
  private abstract static class RightPad extends WriteIndex {
    long p11, p12, p13, p14, p15, p16, p17;
  }

  private static final class Stripe extends RightPad {
    private final Slot[] slots;
    private final int slotMask;

    Stripe(int size) {
      slots = new Slot[size];
      slotMask = size - 1;
      for (int i = 0; i < size; i++) {
        slots[i] = new Slot();
      }
    }

    void write(
        long epochNanos,
        Severity level,
        String logger,
        String thread,
        String template,
        Object[] arguments,
        Map<String, String> mdc) {
      long index = (long) NEXT.getAndAdd(this, 1L);
      Slot slot = slots[(int) index & slotMask];
      Slot.SEQUENCE.setOpaque(slot, -1L);
      VarHandle.storeStoreFence();
      slot.epochNanos = epochNanos;
      slot.level = level;
      slot.logger = logger;
      slot.thread = thread;
      slot.template = template;
      slot.arguments = arguments;
      slot.mdc = mdc;
      Slot.SEQUENCE.setRelease(slot, index);
    }

    void copyInto(List<Slot> copies, int newest) {
      long end = (long) NEXT.getAcquire(this);
      long start = Math.max(0, end - Math.min(newest, slots.length));
      for (long index = start; index < end; index++) {
        Slot slot = slots[(int) index & slotMask];
        if ((long) Slot.SEQUENCE.getAcquire(slot) != index) {
          continue; // being written, or already overwritten by a later lap
        }
        Slot copy = new Slot();
        copy.epochNanos = slot.epochNanos;
        copy.level = slot.level;
        copy.logger = slot.logger;
        copy.thread = slot.thread;
        copy.template = slot.template;
        copy.arguments = slot.arguments;
        copy.mdc = slot.mdc;
        VarHandle.loadLoadFence();
        if ((long) Slot.SEQUENCE.getVolatile(slot) == index
            && (long) NEXT.getVolatile(this) - index <= slots.length) {
          copies.add(copy); // no later lap has claimed this slot, so no one wrote into our read
        }
      }
    }
  }
}
