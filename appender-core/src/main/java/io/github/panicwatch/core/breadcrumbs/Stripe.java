package io.github.panicwatch.core.breadcrumbs;

import java.util.List;

/**
 * One stripe of a {@link BreadcrumbRing}: a padded write index (see {@link PaddedIndex}) and the
 * slots it points into, written round and round by the threads the ring maps to it. The two kinds
 * differ in what a slot holds: {@link KeptEventStripe} a framework event kept whole (Logback),
 * {@link SlotStripe} a line copied into a reusable {@link BreadcrumbSlot} (Log4j2).
 */
abstract sealed class Stripe extends PaddedIndex.Right permits KeptEventStripe, SlotStripe {

  /** Adds every line this stripe holds, oldest slot first, for the snapshot to merge. */
  abstract void collect(List<SnapshotEntry> entries);
}
