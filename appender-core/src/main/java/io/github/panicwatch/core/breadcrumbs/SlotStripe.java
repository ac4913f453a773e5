package io.github.panicwatch.core.breadcrumbs;

import java.util.List;

/**
 * A stripe of preallocated {@link BreadcrumbSlot}s that writers copy their lines into, for an
 * adapter whose framework reuses its events (Log4j2): a breadcrumb allocates nothing once the
 * stripe's slots exist. They are made at the stripe's first write, so only stripes in use take
 * memory (under Log4j2's async loggers, one thread writes every line: one stripe).
 */
final class SlotStripe extends Stripe {
  private final int size;
  private volatile BreadcrumbSlot[] slots; // null until the first write

  SlotStripe(int size) {
    this.size = size;
  }

  /** The next slot, held by the caller alone; null when another writer holds it right now. */
  BreadcrumbSlot claim() {
    BreadcrumbSlot[] current = slots;
    if (current == null) {
      current = makeSlots();
    }
    BreadcrumbSlot slot = current[(int) nextIndex() & (size - 1)];
    return slot.tryClaim() ? slot : null;
  }

  /**
   * Two writers of a fresh stripe may both get here; the array stored last stays, and a line
   * written into the other is lost, once.
   */
  private BreadcrumbSlot[] makeSlots() {
    BreadcrumbSlot[] made = new BreadcrumbSlot[size];
    for (int i = 0; i < size; i++) {
      made[i] = new BreadcrumbSlot();
    }
    slots = made;
    return made;
  }

  @Override
  void collect(List<SnapshotEntry> entries) {
    BreadcrumbSlot[] current = slots;
    if (current == null) {
      return;
    }
    long next = peekIndex();
    for (int i = 0; i < size; i++) {
      current[(int) (next + i) & (size - 1)].collect(entries);
    }
  }
}
