package io.github.panicwatch.core.breadcrumbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.select.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BreadcrumbRingTest {
  private static final MessageRenderer JOIN =
      (template, args) -> template + ":" + String.join(",", List.of(args).stream().map(String::valueOf).toList());
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private void record(BreadcrumbRing ring, String message) {
    ring.record(clock.incrementAndGet(), Severity.INFO, "app", Thread.currentThread().getName(), message, null, Map.of());
  }

  @Test
  void snapshotReturnsLinesOldestFirst() {
    BreadcrumbRing ring = new BreadcrumbRing(10, JOIN);
    record(ring, "one");
    record(ring, "two");
    record(ring, "three");
    assertThat(ring.snapshot()).extracting(RecordedLine::message).containsExactly("one", "two", "three");
  }

  @Test
  void ringKeepsOnlyTheNewestCapacityLines() {
    BreadcrumbRing ring = new BreadcrumbRing(3, JOIN);
    for (int i = 0; i < 1000; i++) {
      record(ring, "line " + i);
    }
    assertThat(ring.snapshot())
        .extracting(RecordedLine::message)
        .containsExactly("line 997", "line 998", "line 999");
  }

  @Test
  void aStripeThatTakesAFreshSlotArrayAtEveryLapStillReturnsAWholeSnapshotAtEveryPoint() {
    // capacity 100: 128 slots per stripe; one stripe, and a fresh array at the start of every lap
    BreadcrumbRing ring = new BreadcrumbRing(100, JOIN, null, 1, 0);
    for (int i = 0; i < 600; i++) {
      record(ring, "line " + i);
      List<String> expected = new ArrayList<>();
      for (int j = Math.max(0, i - 99); j <= i; j++) {
        expected.add("line " + j);
      }
      assertThat(ring.snapshot()).extracting(RecordedLine::message).as("after line %d", i).isEqualTo(expected);
    }
  }

  @Test
  void zeroCapacityKeepsNothing() {
    BreadcrumbRing ring = new BreadcrumbRing(0, JOIN);
    record(ring, "dropped");
    assertThat(ring.snapshot()).isEmpty();
  }

  @Test
  void messagesAreRenderedAtSnapshotWithTheirArguments() {
    BreadcrumbRing ring = new BreadcrumbRing(5, JOIN);
    ring.record(1, Severity.WARN, "db", "worker-1", "pool", new Object[] {"a", 2}, Map.of("req", "7"));
    RecordedLine line = ring.snapshot().get(0);
    assertThat(line.message()).isEqualTo("pool:a,2");
    assertThat(line.level()).isEqualTo(Severity.WARN);
    assertThat(line.logger()).isEqualTo("db");
    assertThat(line.thread()).isEqualTo("worker-1");
    assertThat(line.mdc()).containsEntry("req", "7");
  }

  @Test
  void aFailingArgumentLeavesTheTemplate() {
    BreadcrumbRing ring =
        new BreadcrumbRing(5, (template, args) -> { throw new IllegalStateException("toString failed"); });
    ring.record(1, Severity.INFO, "x", "t", "user {}", new Object[] {"bob"}, null);
    assertThat(ring.snapshot()).extracting(RecordedLine::message).containsExactly("user {}");
  }

  @Test
  void linesOfDifferentThreadsAreMergedInTimeOrder() throws Exception {
    BreadcrumbRing ring = new BreadcrumbRing(10, JOIN, 8);
    Thread other = new Thread(() -> ring.record(20, Severity.INFO, "x", "other", "middle", null, null), "other");
    ring.record(10, Severity.INFO, "x", "main", "first", null, null);
    other.start();
    other.join();
    ring.record(30, Severity.INFO, "x", "main", "last", null, null);
    assertThat(ring.snapshot())
        .extracting(RecordedLine::message)
        .containsExactly("first", "middle", "last");
  }

  @Test
  void manyThreadsSharingFewStripesStayBoundedAndLoseNoRecentLineOfAQuietThread() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    BreadcrumbRing ring = new BreadcrumbRing(50, JOIN, 2);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String name = "writer-" + t;
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  ring.record(clock.incrementAndGet(), Severity.INFO, "x", name, name + "#" + i, null, null);
                }
              },
              name);
      writer.start();
      writers.add(writer);
    }
    start.countDown();
    List<RecordedLine> during = ring.snapshot();
    for (Thread writer : writers) {
      writer.join();
    }
    assertThat(during.size()).isLessThanOrEqualTo(50);
    List<RecordedLine> after = ring.snapshot();
    assertThat(after).hasSize(50);
    // every line is one that was written, whole: its message names the thread that wrote it
    for (RecordedLine line : after) {
      assertThat(line.message()).startsWith(line.thread() + "#");
    }
    Set<String> distinct = new HashSet<>();
    after.forEach(line -> distinct.add(line.message()));
    assertThat(distinct).hasSize(50);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void snapshotsDuringHeavyWritingNeverReturnATornLine() throws Exception {
    BreadcrumbRing ring = new BreadcrumbRing(16, JOIN, 1);
    AtomicLong torn = new AtomicLong();
    Thread[] writers = new Thread[2];
    for (int t = 0; t < writers.length; t++) {
      String name = "w" + t;
      writers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 200_000; i++) {
                  ring.record(i, Severity.INFO, name, name, name, null, null);
                }
              });
      writers[t].start();
    }
    while (writers[0].isAlive() || writers[1].isAlive()) {
      for (RecordedLine line : ring.snapshot()) {
        if (!line.logger().equals(line.thread()) || !line.message().equals(line.thread())) {
          torn.incrementAndGet();
        }
      }
    }
    assertThat(torn.get()).isZero();
  }

  /** A framework event as an adapter would keep it: fields fixed at the call, message rendered late. */
  private record FrameworkEvent(long epochNanos, String thread, String message) {}

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
          return new RecordedLine(event.epochNanos(), Severity.INFO, "fw", event.thread(), event.message(), Map.of());
        }
      };

  @Test
  void keptEventsAreReadByTheAdaptersReaderAtSnapshot() {
    BreadcrumbRing ring = new BreadcrumbRing(5, JOIN, READER);
    ring.keep(new FrameworkEvent(1, "worker-1", "kept"));
    assertThat(ring.snapshot())
        .singleElement()
        .satisfies(line -> {
          assertThat(line.message()).isEqualTo("kept");
          assertThat(line.thread()).isEqualTo("worker-1");
          assertThat(line.logger()).isEqualTo("fw");
        });
  }

  @Test
  void keptEventsAndRecordedLinesAreMergedInTimeOrder() {
    BreadcrumbRing ring = new BreadcrumbRing(5, JOIN, READER);
    ring.keep(new FrameworkEvent(30, "t", "third"));
    ring.record(10, Severity.INFO, "x", "t", "first", null, null);
    ring.keep(new FrameworkEvent(20, "t", "second"));
    assertThat(ring.snapshot()).extracting(RecordedLine::message).containsExactly("first", "second", "third");
  }

  @Test
  void anEventTheReaderCannotReadIsLeftOutAndTheOthersStay() {
    BreadcrumbRing ring = new BreadcrumbRing(5, JOIN, READER);
    ring.keep(new FrameworkEvent(1, "t", "before"));
    ring.keep(new FrameworkEvent(2, "t", null));
    ring.keep(new FrameworkEvent(3, "t", "after"));
    assertThat(ring.snapshot()).extracting(RecordedLine::message).containsExactly("before", "after");
  }

  @Test
  void aFullRingKeepsTheNewestKeptEvents() {
    BreadcrumbRing ring = new BreadcrumbRing(3, JOIN, READER, 1);
    for (int i = 0; i < 100; i++) {
      ring.keep(new FrameworkEvent(i, "t", "event " + i));
    }
    assertThat(ring.snapshot()).extracting(RecordedLine::message).containsExactly("event 97", "event 98", "event 99");
  }
}
