package io.github.panicwatch.core.breadcrumbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.select.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both kinds of ring through one set of behaviours: lines written as each adapter writes them (a
 * kept framework event, or a line copied into a claimed slot) come back the same way.
 */
class BreadcrumbRingTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  /** A framework event as an adapter would keep it: fields fixed at the call, read at the panic. */
  private record FrameworkEvent(long epochNanos, String logger, String thread, String message, Map<String, String> mdc) {}

  private static final EventReader READER =
      new EventReader() {
        @Override
        public long epochNanos(Object event) {
          return ((FrameworkEvent) event).epochNanos();
        }

        @Override
        public RecordedLine read(Object kept) {
          FrameworkEvent event = (FrameworkEvent) kept;
          if (event.message() == null) {
            throw new IllegalStateException("unreadable");
          }
          return new RecordedLine(event.epochNanos(), Severity.INFO, event.logger(), event.thread(), event.message(), event.mdc());
        }
      };

  /** The two kinds of ring, and how each adapter writes one line into its kind. */
  enum Kind {
    KEPT_EVENTS {
      @Override
      BreadcrumbRing ring(int capacity, int stripes) {
        return BreadcrumbRing.keepingEvents(capacity, READER, stripes, BreadcrumbRing.FRESH_SLOTS_INTERVAL_NANOS);
      }

      @Override
      void write(BreadcrumbRing ring, long time, String logger, String thread, String message, Map<String, String> mdc) {
        ring.keep(new FrameworkEvent(time, logger, thread, message, mdc));
      }
    },
    SLOTS {
      @Override
      BreadcrumbRing ring(int capacity, int stripes) {
        return BreadcrumbRing.ofSlots(capacity, stripes);
      }

      @Override
      void write(BreadcrumbRing ring, long time, String logger, String thread, String message, Map<String, String> mdc) {
        BreadcrumbSlot slot = ring.claim();
        if (slot == null) {
          return; // another writer holds the slot: the line is lost, as in the adapter
        }
        slot.line(time, Severity.INFO, logger, thread);
        slot.text().append(message);
        mdc.forEach(slot::putContext);
        slot.publish();
      }
    };

    abstract BreadcrumbRing ring(int capacity, int stripes);

    abstract void write(
        BreadcrumbRing ring, long time, String logger, String thread, String message, Map<String, String> mdc);
  }

  private void write(Kind kind, BreadcrumbRing ring, String message) {
    kind.write(ring, clock.incrementAndGet(), "app", Thread.currentThread().getName(), message, Map.of());
  }

  private static List<String> messages(BreadcrumbRing ring) {
    return ring.snapshot().stream().map(RecordedLine::message).toList();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void snapshotReturnsLinesOldestFirst(Kind kind) {
    BreadcrumbRing ring = kind.ring(10, 8);
    write(kind, ring, "one");
    write(kind, ring, "two");
    write(kind, ring, "three");
    assertThat(messages(ring)).containsExactly("one", "two", "three");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void ringKeepsOnlyTheNewestCapacityLines(Kind kind) {
    BreadcrumbRing ring = kind.ring(3, 8);
    for (int i = 0; i < 1000; i++) {
      write(kind, ring, "line " + i);
    }
    assertThat(messages(ring)).containsExactly("line 997", "line 998", "line 999");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void zeroCapacityKeepsNothing(Kind kind) {
    BreadcrumbRing ring = kind.ring(0, 8);
    write(kind, ring, "dropped");
    assertThat(ring.snapshot()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyFieldOfALineComesBackAsWritten(Kind kind) {
    BreadcrumbRing ring = kind.ring(5, 8);
    kind.write(ring, 42, "db.pool", "worker-1", "pool exhausted", Map.of("req", "7"));
    RecordedLine line = ring.snapshot().get(0);
    assertThat(line.epochNanos()).isEqualTo(42);
    assertThat(line.level()).isEqualTo(Severity.INFO);
    assertThat(line.logger()).isEqualTo("db.pool");
    assertThat(line.thread()).isEqualTo("worker-1");
    assertThat(line.message()).isEqualTo("pool exhausted");
    assertThat(line.mdc()).containsExactly(Map.entry("req", "7"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aReconfigurationWithTheSameCapacityGoesOnWithTheSameRing(Kind kind) {
    BreadcrumbRing ring = kind.ring(5, 8);
    assertThat(ring.withCapacity(5)).isSameAs(ring);
  }

  /** Issue 12: a new ring of the same kind, with the newest lines whole, and written to as its kind is. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aResizedRingHoldsTheNewestLinesWholeAndTakesNewOnes(Kind kind) {
    BreadcrumbRing ring = kind.ring(3, 8); // 4 slots a stripe: it holds one line more than it returns
    for (int i = 1; i <= 4; i++) {
      kind.write(ring, 10 + i, "app", "main", "line " + i, Map.of());
    }
    kind.write(ring, 20, "db.pool", "worker-2", "word ".repeat(1000), Map.of("req", "8", "user", "u1"));

    BreadcrumbRing smaller = ring.withCapacity(2);
    assertThat(smaller).isNotSameAs(ring);
    assertThat(smaller.capacity()).isEqualTo(2);
    List<RecordedLine> kept = smaller.snapshot();
    assertThat(kept).extracting(RecordedLine::message).hasSize(2).startsWith("line 4");
    assertThat(kept.get(1)).isEqualTo(ring.snapshot().get(2)); // every field, the cut message, the context
    assertThat(kept.get(1).mdc()).isEqualTo(Map.of("req", "8", "user", "u1"));
    assertThat(kept.get(1).message()).endsWith(BreadcrumbMessage.CUT_MARK);

    write(kind, smaller, "after the reconfiguration");
    assertThat(messages(smaller)).hasSize(2).endsWith("after the reconfiguration");

    // as many lines as the ring returned, not the one it held beyond its capacity
    assertThat(ring.withCapacity(10).snapshot()).isEqualTo(ring.snapshot());
    assertThat(ring.withCapacity(0).snapshot()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aMessageOverTheCapComesBackCutAndMarked(Kind kind) {
    BreadcrumbRing ring = kind.ring(5, 8);
    write(kind, ring, "word ".repeat(1000));
    String message = ring.snapshot().get(0).message();
    // whole words up to the cap (BreadcrumbMessageTest: where exactly)
    assertThat(message).startsWith("word word ").endsWith(" " + BreadcrumbMessage.CUT_MARK)
        .hasSizeBetween(BreadcrumbMessage.MAX_LENGTH - 5, BreadcrumbMessage.MAX_LENGTH);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void linesOfDifferentThreadsAreMergedInTimeOrder(Kind kind) throws Exception {
    BreadcrumbRing ring = kind.ring(10, 8);
    Thread other = new Thread(() -> kind.write(ring, 20, "x", "other", "middle", Map.of()), "other");
    kind.write(ring, 10, "x", "main", "first", Map.of());
    other.start();
    other.join();
    kind.write(ring, 30, "x", "main", "last", Map.of());
    assertThat(messages(ring)).containsExactly("first", "middle", "last");
  }

  /**
   * A thread that logs rarely shares its stripe with busy ones. Its line, once among the newest
   * {@code capacity} lines of the process, must be in the snapshot however much the busy threads
   * wrote before it: each stripe holds a whole snapshot's worth of slots.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRecentLineOfAQuietThreadSurvivesTheBusyThreadsOfItsStripe(Kind kind) throws Exception {
    int capacity = 50;
    BreadcrumbRing ring = kind.ring(capacity, 2);
    Thread quiet = new Thread(() -> write(kind, ring, "quiet line"), "quiet");
    int stripe = ring.stripeIndexOf(quiet);

    runTogether(threadsOnStripe(ring, stripe, 4, kind, 5_000)); // the stripe laps many times over
    quiet.start();
    quiet.join();
    // fewer lines than the capacity after it, all into its stripe
    runTogether(threadsOnStripe(ring, stripe, 4, kind, (capacity - 2) / 4));

    List<RecordedLine> lines = ring.snapshot();
    assertThat(lines).extracting(RecordedLine::message).contains("quiet line");
    assertThat(lines).allSatisfy(line -> assertThat(line.message()).startsWith(line.thread()));
  }

  /** Writer threads, not started, that the ring maps to the given stripe. */
  private List<Thread> threadsOnStripe(BreadcrumbRing ring, int stripe, int count, Kind kind, int linesEach) {
    List<Thread> threads = new ArrayList<>();
    while (threads.size() < count) {
      Thread[] self = new Thread[1];
      Thread thread =
          new Thread(() -> {
            for (int i = 0; i < linesEach; i++) {
              write(kind, ring, self[0].getName() + " #" + i);
            }
          });
      self[0] = thread;
      if (ring.stripeIndexOf(thread) == stripe) {
        thread.setName("busy-" + threads.size());
        threads.add(thread);
      }
    }
    return threads;
  }

  private static void runTogether(List<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /**
   * Writers share one stripe and race for its slots while a reader snapshots. The reader keeps going
   * until many of its snapshots overlapped writing and it has read many lines (the writers do not
   * stop before); no line may mix two writers' fields, and once they stop every slot must be at rest
   * and readable. Few slots and more writers make writers meet on one slot; more slots make a
   * reader's copy meet a rewrite.
   */
  @ParameterizedTest(name = "{0}, capacity {1}, {2} writers")
  @CsvSource({"KEPT_EVENTS, 16, 2", "SLOTS, 16, 2", "SLOTS, 2, 4"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void snapshotsWhileWritersRaceForOneStripeNeverReturnATornLineNorLeaveASlotHeld(
      Kind kind, int capacity, int writerCount) throws Exception {
    BreadcrumbRing ring = kind.ring(capacity, 1);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    CountDownLatch started = new CountDownLatch(writerCount);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < writerCount; w++) {
      String name = "w" + w;
      // long text, so a copy that overlaps a rewrite is likely to see it half done
      String message = name.repeat(100);
      Map<String, String> mdc = Map.of("writer", name);
      Thread writer =
          new Thread(() -> {
            started.countDown();
            for (long i = 0; !stop.get(); i++) {
              kind.write(ring, i, name, name, message, mdc);
              written.incrementAndGet();
            }
          }, name);
      writer.start();
      writers.add(writer);
    }
    started.await();
    long overlapping = 0;
    long torn = 0;
    long lines = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while ((overlapping < 1_000 || lines < 1_000) && System.nanoTime() < deadline) {
        long before = written.get();
        List<RecordedLine> snapshot = ring.snapshot();
        if (written.get() != before) {
          overlapping++;
        }
        for (RecordedLine line : snapshot) {
          lines++;
          String name = line.thread();
          boolean whole =
              name.equals(line.logger())
                  && line.message().equals(name.repeat(100))
                  && line.mdc().equals(Map.of("writer", name));
          if (!whole) {
            torn++;
          }
        }
      }
    } finally {
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
    }
    assertThat(overlapping).as("snapshots taken while the writers wrote").isGreaterThanOrEqualTo(1_000);
    assertThat(lines).as("lines read").isGreaterThanOrEqualTo(1_000);
    assertThat(torn).as("torn lines").isZero();
    // and the race left no slot held: every slot is at rest and readable once the writers stop
    assertThat(ring.snapshot()).as("lines after the writers stopped").hasSize(ring.capacity());
  }

  @Test
  void aStripeThatTakesAFreshSlotArrayAtEveryLapStillReturnsAWholeSnapshotAtEveryPoint() {
    // capacity 100: 128 slots per stripe; one stripe, and a fresh array at the start of every lap
    BreadcrumbRing ring = BreadcrumbRing.keepingEvents(100, READER, 1, 0);
    for (int i = 0; i < 600; i++) {
      write(Kind.KEPT_EVENTS, ring, "line " + i);
      List<String> expected = new ArrayList<>();
      for (int j = Math.max(0, i - 99); j <= i; j++) {
        expected.add("line " + j);
      }
      assertThat(messages(ring)).as("after line %d", i).isEqualTo(expected);
    }
  }

  @Test
  void anEventTheReaderCannotReadIsLeftOutAndTheOthersStay() {
    BreadcrumbRing ring = BreadcrumbRing.keepingEvents(5, READER);
    ring.keep(new FrameworkEvent(1, "fw", "t", "before", Map.of()));
    ring.keep(new FrameworkEvent(2, "fw", "t", null, Map.of()));
    ring.keep(new FrameworkEvent(3, "fw", "t", "after", Map.of()));
    assertThat(messages(ring)).containsExactly("before", "after");
  }

  @Test
  void aLargeMaxBreadcrumbsGetsFewerStripesOfSlotsNotMoreBuffers() {
    assertThat(BreadcrumbRing.ofSlots(100, 64).slotCount()).isEqualTo(64 * 128);
    assertThat(BreadcrumbRing.ofSlots(1000, 64).slotCount()).isEqualTo(8 * 1024);
    // one stripe must still hold a whole snapshot
    assertThat(BreadcrumbRing.ofSlots(10_000, 64).slotCount()).isEqualTo(16_384);
    // a ring of kept events holds references only: its stripes stay
    assertThat(BreadcrumbRing.keepingEvents(10_000, READER, 64, 0).slotCount()).isEqualTo(64 * 16_384);
  }
}
