package io.github.panicwatch.core.breadcrumbs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The bounded, process-wide memory of recent log lines, written on every log call of the host and
 * read only when a panic happens.
 *
 * <p>Writing must cost close to nothing and must not contend between threads. One shared ring with
 * one atomic index makes that index and its slots bounce between cores (measured at about 2.6x a
 * no-op appender at 2 threads), and one ring per thread pays a {@code ThreadLocal} lookup and grows
 * with the thread count. So the ring is striped: a fixed number of {@link Stripe}s, each a small
 * ring of its own with its own index, chosen by thread id. Threads on different cores almost
 * always write to different stripes. Each stripe can hold a whole snapshot (one busy thread may
 * write every line), and a snapshot merges the stripes by time and keeps the newest {@code
 * capacity} lines, so the panic sees lines from every thread, oldest first. It reads every slot of
 * every stripe: the stripes' indexes are advanced without atomic instructions and are trusted only
 * to choose the next slot (see {@link PaddedIndex.Index}).
 *
 * <p>Two kinds, one per adapter, made by the two factories:
 * <ul>
 *   <li>{@link #keepingEvents}: a slot holds a framework event itself, read by the adapter's
 *       {@link EventReader} at the panic; for events that never change after the call (Logback).
 *       The write is one reference store, and the message is formatted only at a panic.
 *   <li>{@link #ofSlots}: a slot is a preallocated {@link BreadcrumbSlot} that the writer copies
 *       the line into, message formatted at the call; for frameworks that reuse their events
 *       (Log4j2). The write allocates nothing.
 * </ul>
 * Either way a snapshot returns each line whole or not at all: a breadcrumb may be lost (two
 * writers of one stripe at the same moment), never torn.
 */
public final class BreadcrumbRing {

  private static final int MAX_STRIPES = 64;
  /**
   * Slots of a ring of slots in all, unless one stripe alone needs more: each slot owns a text
   * buffer of up to {@link BreadcrumbMessage#MAX_LENGTH} characters, so a large {@code
   * maxBreadcrumbs} gets fewer stripes rather than 64 times its size in buffers.
   */
  static final int MAX_SLOTS = 8192;
  /**
   * How often at most a stripe of kept events swaps its slot array for a fresh one: far more often
   * than a young collection runs, so the array a breadcrumb is stored into is nearly always young
   * (see {@link KeptEventStripe}), and rarely enough that the arrays cost nothing per call (a
   * 528-byte array per stripe per 10 ms of steady logging, against the log calls' own megabytes).
   */
  static final long FRESH_SLOTS_INTERVAL_NANOS = 10_000_000L;

  private final int capacity;
  private final Stripe[] stripes;
  private final int stripeMask;
  /** Makes an empty ring like this one (kind, reader, stripes) of another capacity. */
  private final IntFunction<BreadcrumbRing> sameKind;

  private BreadcrumbRing(int capacity, Stripe[] stripes, IntFunction<BreadcrumbRing> sameKind) {
    this.capacity = capacity;
    this.stripes = stripes;
    this.stripeMask = stripes.length - 1;
    this.sameKind = sameKind;
  }

  /**
   * A ring that keeps framework events whole (Logback's, which never change once logged).
   *
   * @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none
   * @param reader reads a kept event at a panic
   */
  public static BreadcrumbRing keepingEvents(int capacity, EventReader reader) {
    return keepingEvents(capacity, reader, defaultStripes(), FRESH_SLOTS_INTERVAL_NANOS);
  }

  /** @param freshSlotsNanos how often at most a stripe takes a fresh slot array (0: every lap) */
  static BreadcrumbRing keepingEvents(int capacity, EventReader reader, int stripesWanted, long freshSlotsNanos) {
    int slotsPerStripe = slotsPerStripe(capacity);
    Stripe[] stripes = new Stripe[stripeCount(stripesWanted, Integer.MAX_VALUE)];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new KeptEventStripe(slotsPerStripe, freshSlotsNanos, reader);
    }
    return new BreadcrumbRing(
        capacity, stripes, resized -> keepingEvents(resized, reader, stripesWanted, freshSlotsNanos));
  }

  /**
   * A ring of preallocated slots that writers copy their lines into (for Log4j2, whose events,
   * messages and parameters are reused after the call). Holds at most {@link #slotCount()} slots,
   * each with at most {@link BreadcrumbMessage#MAX_LENGTH} characters of message; a stripe's slots
   * are made at its first write.
   *
   * @param capacity how many lines a snapshot returns at most ({@code maxBreadcrumbs}); 0 keeps none
   */
  public static BreadcrumbRing ofSlots(int capacity) {
    return ofSlots(capacity, defaultStripes());
  }

  static BreadcrumbRing ofSlots(int capacity, int stripesWanted) {
    int slotsPerStripe = slotsPerStripe(capacity);
    Stripe[] stripes = new Stripe[stripeCount(stripesWanted, Math.max(1, MAX_SLOTS / slotsPerStripe))];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new SlotStripe(slotsPerStripe);
    }
    return new BreadcrumbRing(capacity, stripes, resized -> ofSlots(resized, stripesWanted));
  }

  private static int defaultStripes() {
    return Runtime.getRuntime().availableProcessors() * 4;
  }

  /** A power of two, so a thread id maps to a stripe by a mask. */
  private static int stripeCount(int wanted, int atMost) {
    return Math.min(Math.min(MAX_STRIPES, powerOfTwoAtLeast(wanted)), Integer.highestOneBit(atMost));
  }

  /** Each stripe must be able to hold a whole snapshot: one busy thread may write every line. */
  private static int slotsPerStripe(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    return powerOfTwoAtLeast(capacity);
  }

  private static int powerOfTwoAtLeast(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** How many lines a snapshot returns at most. */
  public int capacity() {
    return capacity;
  }

  /** How many slots the ring has in all, once every stripe is in use. */
  public int slotCount() {
    return stripes.length * slotsPerStripe(capacity);
  }

  /**
   * The ring a reconfigured appender goes on with (issue 12): this one when it already holds {@code
   * newCapacity} lines, so lines written to it by the previous configuration until it stops are still
   * there; otherwise a new ring of this one's kind and that capacity, holding this one's newest lines
   * (at most the smaller capacity): a ring of kept events keeps the same events (they never change,
   * and its reader reads them as before), a ring of slots gets each line copied into a slot of its own.
   */
  public BreadcrumbRing withCapacity(int newCapacity) {
    if (newCapacity == capacity) {
      return this;
    }
    BreadcrumbRing resized = sameKind.apply(newCapacity);
    for (SnapshotEntry entry : newestEntries(Math.min(capacity, newCapacity))) {
      entry.copyInto(resized);
    }
    return resized;
  }

  /**
   * Keeps a framework event itself, to be read by this ring's {@link EventReader} at a panic. The
   * event must not change after this call: the adapter first makes it compute whatever it would
   * otherwise compute later from the current thread (Logback: thread name and MDC). Only on a ring
   * made by {@link #keepingEvents}.
   */
  public void keep(Object event) {
    if (capacity == 0) {
      return;
    }
    ((KeptEventStripe) stripe()).keep(event);
  }

  /**
   * The calling thread's next slot, held by the caller alone until it calls {@link
   * BreadcrumbSlot#publish()} or {@link BreadcrumbSlot#discard()}; it must call one of them. Never
   * waits: {@code null} when another writer holds that slot right now (this line is then lost) or
   * when the ring keeps no lines. Only on a ring made by {@link #ofSlots}.
   */
  public BreadcrumbSlot claim() {
    if (capacity == 0) {
      return null;
    }
    return ((SlotStripe) stripe()).claim();
  }

  private Stripe stripe() {
    return stripes[stripeIndexOf(Thread.currentThread())];
  }

  /** The stripe a thread writes to: thread ids are sequential, so masking spreads them. */
  int stripeIndexOf(Thread thread) {
    @SuppressWarnings("deprecation") // Thread.getId() is a plain field read on JDK 17
    int index = (int) thread.getId() & stripeMask;
    return index;
  }

  /**
   * The newest lines of all threads, oldest first, at most {@link #capacity()}. Runs only at a
   * panic: finds every line's time first, then reads out only the newest (formatting a kept
   * event's message, or copying a slot's text).
   */
  public List<RecordedLine> snapshot() {
    List<SnapshotEntry> entries = newestEntries(capacity);
    List<RecordedLine> lines = new ArrayList<>(entries.size());
    for (SnapshotEntry entry : entries) {
      RecordedLine line = entry.read();
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The newest {@code count} lines found in the stripes, oldest first, not read out yet. */
  private List<SnapshotEntry> newestEntries(int count) {
    List<SnapshotEntry> entries = new ArrayList<>();
    for (Stripe stripe : stripes) {
      stripe.collect(entries);
    }
    // stable sort: lines of one stripe with equal times keep their write order
    entries.sort(Comparator.comparingLong(SnapshotEntry::epochNanos));
    return entries.subList(Math.max(0, entries.size() - count), entries.size());
  }
}
