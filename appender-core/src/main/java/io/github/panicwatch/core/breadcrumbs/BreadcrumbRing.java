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
 * different stripes. A write is a plain increment of the stripe's index and one reference store
 * into the stripe's slot array, kept young for G1's sake (see {@link Stripe}). A snapshot merges
 * the stripes by time and keeps the newest {@code capacity} lines, so the panic sees lines from
 * every thread, oldest first.
 *
 * <p>A slot holds one immutable line (or one kept framework event), so a snapshot reads each line
 * whole or not at all: a line can never be made of two, whatever the writers do. The index is not
 * advanced atomically: a lock-prefixed increment cost about 6 ns per log call (measured; a fifth of
 * the budget of issue 6), and it would only protect the rare case of two threads of one stripe
 * writing in the same few nanoseconds. There one line may overwrite the other (a breadcrumb lost,
 * never torn), and a writer stalled mid-write may set the index back. The snapshot therefore reads
 * every slot of every stripe and orders by time, never trusting the index to say which slots are
 * recent.
 *
 * <p>Two ways in. {@link #keep(Object)} stores a framework event itself, read by the adapter's
 * {@link EventReader} at the panic: the cheapest, for events that never change after the call
 * (Logback; measured in the README's "Performance" section: one reference store, and the only
 * allocation is the event, which the framework made anyway). {@link #record} copies fields into a
 * small line of its own, for frameworks that reuse their events (Log4j2).
 *
 * <p>Formatting is deferred to the snapshot: a mutable argument changed after the log call shows its
 * later value. Adapters that cannot tolerate this (or whose events are reused) pass the finished
 * message and no arguments.
 */
public final class BreadcrumbRing {

  private static final int MAX_STRIPES = 64;
  /**
   * How often at most a stripe swaps its slot array for a fresh one: far more often than a young
   * collection runs, so the array a breadcrumb is stored into is nearly always young (see {@link
   * Stripe}), and rarely enough that the arrays cost nothing per call (a 528-byte array per stripe
   * per 10 ms of steady logging, against the log calls' own megabytes).
   */
  static final long FRESH_SLOTS_INTERVAL_NANOS = 10_000_000L;

  private final Stripe[] stripes;
  private final int stripeMask;
  private final int capacity;
  private final MessageRenderer renderer;
  private final EventReader reader;

  /**
   * @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none
   * @param renderer turns a template and its arguments into the message, at snapshot time
   */
  public BreadcrumbRing(int capacity, MessageRenderer renderer) {
    this(capacity, renderer, null);
  }

  /**
   * @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none
   * @param renderer turns a template and its arguments into the message, at snapshot time
   * @param reader reads events stored with {@link #keep(Object)}; {@code null} if none will be
   */
  public BreadcrumbRing(int capacity, MessageRenderer renderer, EventReader reader) {
    this(capacity, renderer, reader, Runtime.getRuntime().availableProcessors() * 4);
  }

  BreadcrumbRing(int capacity, MessageRenderer renderer, int stripesWanted) {
    this(capacity, renderer, null, stripesWanted);
  }

  BreadcrumbRing(int capacity, MessageRenderer renderer, EventReader reader, int stripesWanted) {
    this(capacity, renderer, reader, stripesWanted, FRESH_SLOTS_INTERVAL_NANOS);
  }

  /** @param freshSlotsNanos how often at most a stripe takes a fresh slot array (0: every lap) */
  BreadcrumbRing(
      int capacity, MessageRenderer renderer, EventReader reader, int stripesWanted, long freshSlotsNanos) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.renderer = renderer;
    this.reader = reader;
    int stripeCount = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, stripesWanted - 1)) << 1);
    this.stripes = new Stripe[stripeCount];
    this.stripeMask = stripeCount - 1;
    // each stripe must be able to hold a whole snapshot: one busy thread may write every line
    int slotsPerStripe = capacity == 0 ? 1 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(slotsPerStripe, freshSlotsNanos);
    }
  }

  /** How many lines a snapshot returns at most. */
  public int capacity() {
    return capacity;
  }

  /**
   * The ring a reconfigured appender goes on with (issue 12): this one when it already holds {@code
   * newCapacity} lines, so lines written to it by the previous configuration until it stops are still
   * there; otherwise a new ring of that capacity, with this one's renderer and reader, holding this
   * one's newest lines as they read now (messages formatted, so no argument is kept).
   */
  public BreadcrumbRing withCapacity(int newCapacity) {
    if (newCapacity == capacity) {
      return this;
    }
    BreadcrumbRing resized = new BreadcrumbRing(newCapacity, renderer, reader);
    for (RecordedLine line : snapshot()) {
      resized.record(line.epochNanos(), line.level(), line.logger(), line.thread(), line.message(), null, line.mdc());
    }
    return resized;
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
    stripe().write(new Line(epochNanos, level, logger, thread, template, arguments, mdc));
  }

  /**
   * Keeps a framework event itself, to be read by this ring's {@link EventReader} at a panic. The
   * event must not change after this call: the adapter first makes it compute whatever it would
   * otherwise compute later from the current thread (Logback: thread name and MDC).
   */
  public void keep(Object event) {
    if (capacity == 0) {
      return;
    }
    stripe().write(event);
  }

  private Stripe stripe() {
    // Thread.getId() is a plain field read on JDK 17; ids are sequential, so masking spreads them
    @SuppressWarnings("deprecation")
    int stripeIndex = (int) Thread.currentThread().getId() & stripeMask;
    return stripes[stripeIndex];
  }

  /**
   * The newest lines of all threads, oldest first, at most {@link #capacity()}. Runs only at a
   * panic; renders each message here.
   */
  public List<RecordedLine> snapshot() {
    List<Object> entries = new ArrayList<>();
    for (Stripe stripe : stripes) {
      stripe.copyInto(entries);
    }
    List<Timed> timed = new ArrayList<>(entries.size());
    for (Object entry : entries) {
      try {
        timed.add(new Timed(entry, entry instanceof Line line ? line.epochNanos : reader.epochNanos(entry)));
      } catch (RuntimeException e) {
        // an event the adapter cannot read is left out; the panic still goes
      }
    }
    // stable sort: lines of one stripe with equal times keep their write order
    timed.sort(Comparator.comparingLong(Timed::epochNanos));
    List<RecordedLine> lines = new ArrayList<>(Math.min(capacity, timed.size()));
    for (Timed line : timed.subList(Math.max(0, timed.size() - capacity), timed.size())) {
      try {
        lines.add(line.entry() instanceof Line own ? read(own) : reader.read(line.entry()));
      } catch (RuntimeException e) {
        // as above: one unreadable event costs its line, not the snapshot
      }
    }
    return lines;
  }

  private RecordedLine read(Line line) {
    return new RecordedLine(
        line.epochNanos,
        line.level,
        line.logger,
        line.thread,
        render(line.template, line.arguments),
        line.mdc == null ? Map.of() : line.mdc);
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

  private record Timed(Object entry, long epochNanos) {}

  /** One log line recorded by {@link #record}, immutable, so a slot holds it whole. */
  private static final class Line {
    final long epochNanos;
    final Severity level;
    final String logger;
    final String thread;
    final String template;
    final Object[] arguments;
    final Map<String, String> mdc;

    Line(
        long epochNanos,
        Severity level,
        String logger,
        String thread,
        String template,
        Object[] arguments,
        Map<String, String> mdc) {
      this.epochNanos = epochNanos;
      this.level = level;
      this.logger = logger;
      this.thread = thread;
      this.template = template;
      this.arguments = arguments;
      this.mdc = mdc;
    }
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

  /**
   * One stripe: a write index and a slot array written round and round. The array is swapped for a
   * fresh one at a lap's start once {@code freshSlotsNanos} have passed, because of how G1 (the
   * JVM's default collector) pays for a reference store: into a young array the write barrier
   * returns after a card check, into an old one it runs a StoreLoad fence first, measured at about
   * 5 ns of a log call's cost (issue 6). A preallocated array that lives for ever becomes old; one
   * replaced every few milliseconds almost never does. The previous array is kept for the snapshot
   * until the current one has filled a whole lap, so the stripe always holds a full lap of lines.
   */
  private static final class Stripe extends RightPad {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private final int slotMask;
    private final long freshSlotsNanos;
    private volatile Object[] slots; // written into by this stripe's threads
    private volatile Object[] previous; // the last lap before the swap, or null once slots is full
    private long swappedAt; // System.nanoTime() of the last swap; written by writers only

    Stripe(int size, long freshSlotsNanos) {
      slots = new Object[size];
      slotMask = size - 1;
      this.freshSlotsNanos = freshSlotsNanos;
      swappedAt = System.nanoTime();
    }

    /** One plain increment and one reference store: the whole cost of a breadcrumb. */
    void write(Object entry) {
      long index = (long) NEXT.getOpaque(this);
      NEXT.setOpaque(this, index + 1);
      int slot = (int) index & slotMask;
      Object[] current = slots;
      if (slot == 0) {
        current = startLap(current);
      }
      // release: whatever the writer stored into the entry before is visible to the snapshot
      SLOT.setRelease(current, slot, entry);
    }

    /** At a lap's start: a fresh array if it is time, else the full current one needs no previous. */
    private Object[] startLap(Object[] current) {
      long now = System.nanoTime();
      if (now - swappedAt >= freshSlotsNanos) {
        swappedAt = now;
        previous = current;
        Object[] fresh = new Object[current.length];
        slots = fresh;
        return fresh;
      }
      if (previous != null) {
        previous = null; // current holds a whole lap now
      }
      return current;
    }

    /** Adds every entry of this stripe, the previous lap's first (write order unless writers raced). */
    void copyInto(List<Object> entries) {
      Object[] current = slots; // first: a swap in between then shows as before == current
      Object[] before = previous;
      long next = (long) NEXT.getOpaque(this);
      if (before != null && before != current) {
        copy(before, next, entries);
      }
      copy(current, next, entries);
    }

    private static void copy(Object[] array, long next, List<Object> entries) {
      for (int i = 0; i < array.length; i++) {
        Object entry = SLOT.getAcquire(array, (int) (next + i) & (array.length - 1));
        if (entry != null) {
          entries.add(entry);
        }
      }
    }
  }
}
