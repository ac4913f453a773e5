package io.github.panicwatch.core.breadcrumbs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A stripe's write index between two pads, so that the indexes of two stripes (written by threads
 * on different cores) never share a cache line. The JVM lays a superclass's fields out before its
 * subclass's, hence the three classes; {@link Stripe} extends the last.
 */
final class PaddedIndex {
  private PaddedIndex() {}

  /** Left padding: keeps the index off the cache line of whatever precedes it. */
  @SuppressWarnings("unused")
  abstract static class Left {
    long p01, p02, p03, p04, p05, p06, p07;
  }

  /**
   * The index, advanced without an atomic instruction: a lock-prefixed increment cost about 6 ns a
   * log call (issue 6). Two writers of one stripe in the same few nanoseconds may so get the same
   * index, and a writer stalled between reading and writing it may set it back; nothing relies on
   * it but the choice of the next slot, and the snapshot reads every slot and orders by time.
   */
  abstract static class Index extends Left {
    private static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(Index.class, "next", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    @SuppressWarnings("unused") // accessed through NEXT
    private volatile long next;

    /** Takes the next index: one plain read and one plain write. */
    final long nextIndex() {
      long index = (long) NEXT.getOpaque(this);
      NEXT.setOpaque(this, index + 1);
      return index;
    }

    /** The index the next write will take: where a snapshot starts reading, at the oldest slot. */
    final long peekIndex() {
      return (long) NEXT.getOpaque(this);
    }
  }

  /** Right padding: keeps the index off the cache line of the next stripe's index. */
  @SuppressWarnings("unused")
  abstract static class Right extends Index {
    long p11, p12, p13, p14, p15, p16, p17;
  }
}
