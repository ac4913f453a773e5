package io.github.panicwatch.core.breadcrumbs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A stripe whose slots hold framework events kept whole, for an adapter whose events never change
 * once logged (Logback's): the write is one reference store, and the event, which the framework
 * made anyway, is the only allocation (issue 6). The adapter's {@link EventReader} reads an event
 * at the panic; a slot holds one event or another, never a mix, so a line cannot be torn.
 *
 * <p>The slot array is swapped for a fresh one at a lap's start once {@code freshSlotsNanos} have
 * passed, because of how G1 (the JVM's default collector) pays for a reference store: into a young
 * array the write barrier returns after a card check, into an old one it runs a StoreLoad fence
 * first, measured at about 5 ns of a log call's cost (issue 6). A preallocated array that lives for
 * ever becomes old; one replaced every few milliseconds almost never does. The previous array is
 * kept for the snapshot until the current one has filled a whole lap, so the stripe always holds a
 * full lap of lines.
 */
final class KeptEventStripe extends Stripe {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  private final EventReader reader;
  private final int slotMask;
  private final long freshSlotsNanos;
  private volatile Object[] slots; // written into by this stripe's threads
  private volatile Object[] previous; // the last lap before the swap, or null once slots is full
  private long swappedAt; // System.nanoTime() of the last swap; written by writers only

  KeptEventStripe(int size, long freshSlotsNanos, EventReader reader) {
    this.reader = reader;
    this.slots = new Object[size];
    this.slotMask = size - 1;
    this.freshSlotsNanos = freshSlotsNanos;
    this.swappedAt = System.nanoTime();
  }

  /** One plain increment and one reference store: the whole cost of a breadcrumb. */
  void keep(Object event) {
    long index = nextIndex();
    int slot = (int) index & slotMask;
    Object[] current = slots;
    if (slot == 0) {
      current = startLap(current);
    }
    // release: whatever the framework stored into the event before is visible to the snapshot
    SLOT.setRelease(current, slot, event);
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

  /** The previous lap's events first (write order unless writers raced), each with its time. */
  @Override
  void collect(List<SnapshotEntry> entries) {
    Object[] current = slots; // first: a swap in between then shows as before == current
    Object[] before = previous;
    long next = peekIndex();
    if (before != null && before != current) {
      collect(before, next, entries);
    }
    collect(current, next, entries);
  }

  private void collect(Object[] array, long next, List<SnapshotEntry> entries) {
    for (int i = 0; i < array.length; i++) {
      Object event = SLOT.getAcquire(array, (int) (next + i) & (array.length - 1));
      if (event != null) {
        try {
          entries.add(new KeptEvent(event, reader.epochNanos(event)));
        } catch (RuntimeException e) {
          // an event the adapter cannot read is left out; the panic still goes
        }
      }
    }
  }

  private final class KeptEvent extends SnapshotEntry {
    private final Object event;

    KeptEvent(Object event, long epochNanos) {
      super(epochNanos);
      this.event = event;
    }

    @Override
    RecordedLine read() {
      try {
        RecordedLine line = reader.read(event);
        String message = BreadcrumbMessage.cut(line.message());
        return message == line.message()
            ? line
            : new RecordedLine(line.epochNanos(), line.level(), line.logger(), line.thread(), message, line.mdc());
      } catch (RuntimeException e) {
        return null; // as above: one unreadable event costs its line, not the snapshot
      }
    }

    /** The event itself: it never changes, and the ring's reader reads it at the panic as before. */
    @Override
    void copyInto(BreadcrumbRing ring) {
      ring.keep(event);
    }
  }
}
