package io.github.panicwatch.core.breadcrumbs;

/**
 * A line found in a stripe by a snapshot: its time first, so the snapshot can order every stripe's
 * lines and pick the newest before it pays for reading any of them out.
 */
abstract class SnapshotEntry {
  private final long epochNanos;

  SnapshotEntry(long epochNanos) {
    this.epochNanos = epochNanos;
  }

  /** When the line was logged, nanoseconds since the epoch. */
  final long epochNanos() {
    return epochNanos;
  }

  /**
   * The line as it was at its log call, or {@code null} when it can no longer be read (a writer
   * has since rewritten its slot, or the adapter cannot read the event): the snapshot leaves it out.
   */
  abstract RecordedLine read();

  /**
   * Writes this line into {@code ring}, a ring of the same kind that a reconfiguration resizes to
   * ({@link BreadcrumbRing#withCapacity}); a line that can no longer be read is left out.
   */
  abstract void copyInto(BreadcrumbRing ring);
}
