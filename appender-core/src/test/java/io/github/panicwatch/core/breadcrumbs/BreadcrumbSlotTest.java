package io.github.panicwatch.core.breadcrumbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.panicwatch.core.select.Severity;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BreadcrumbSlotTest {

  private static BreadcrumbSlot write(BreadcrumbRing ring, long time, String message) {
    BreadcrumbSlot slot = ring.claim();
    slot.line(time, Severity.INFO, "app", "main");
    slot.text().append(message);
    slot.publish();
    return slot;
  }

  private static List<String> messages(BreadcrumbRing ring) {
    return ring.snapshot().stream().map(RecordedLine::message).toList();
  }

  // a ring of capacity 2 on one stripe has two slots, taken by turns

  @Test
  void aSlotAWriterHoldsIsLeftOutOfASnapshotUntilPublished() {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    write(ring, 1, "first");
    write(ring, 2, "second");
    BreadcrumbSlot held = ring.claim(); // the first line's slot
    held.line(3, Severity.INFO, "app", "main");
    held.text().append("half writ");
    // neither the line being written nor the one it replaces
    assertThat(messages(ring)).containsExactly("second");
    held.text().append("ten");
    held.publish();
    assertThat(messages(ring)).containsExactly("second", "half written");
  }

  @Test
  void aClaimOnASlotAnotherWriterHoldsFailsAtOnceAndTheSlotIsFreeAgainAfterPublish() throws Exception {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    BreadcrumbSlot held = ring.claim();
    // another thread of the same stripe (the only one) writes the other slot, then comes round to
    // the held one: its line is lost, and it does not wait
    assertThat(CompletableFuture.supplyAsync(() -> write(ring, 1, "other")).get(10, TimeUnit.SECONDS)).isNotSameAs(held);
    assertThat(CompletableFuture.supplyAsync(ring::claim).get(10, TimeUnit.SECONDS)).isNull();
    held.line(2, Severity.INFO, "app", "main");
    held.publish();
    CompletableFuture.supplyAsync(() -> write(ring, 3, "other again")).get(10, TimeUnit.SECONDS);
    assertThat(CompletableFuture.supplyAsync(ring::claim).get(10, TimeUnit.SECONDS)).isSameAs(held);
  }

  @Test
  void aDiscardedSlotHoldsNoLine() {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    write(ring, 1, "old");
    write(ring, 2, "kept");
    BreadcrumbSlot slot = ring.claim(); // old's slot
    slot.line(3, Severity.INFO, "app", "main");
    slot.text().append("never finished");
    slot.discard();
    assertThat(messages(ring)).containsExactly("kept");
  }

  @Test
  void aLineFoundByTheSnapshotButRewrittenBeforeItIsReadIsLeftOut() {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    BreadcrumbSlot slot = write(ring, 1, "first");
    List<SnapshotEntry> found = new ArrayList<>();
    slot.collect(found);
    assertThat(found).singleElement().extracting(SnapshotEntry::epochNanos).isEqualTo(1L);
    // between the snapshot's two passes, the slot is rewritten
    write(ring, 2, "second");
    assertThat(write(ring, 3, "third")).isSameAs(slot);
    assertThat(found.get(0).read()).isNull();
  }

  @Test
  void contextEntriesComeBackInTheirOrderAndALapLaterOnlyTheNewOnes() {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    BreadcrumbSlot slot = ring.claim();
    slot.line(1, Severity.INFO, "app", "main");
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      many.put("k" + i, "v" + i);
      slot.putContext("k" + i, "v" + i);
    }
    slot.publish();
    assertThat(ring.snapshot().get(0).mdc()).containsExactlyEntriesOf(many);
    write(ring, 2, "other slot");
    assertThat(ring.claim()).isSameAs(slot);
    slot.line(3, Severity.INFO, "app", "main");
    slot.putContext("only", "this");
    slot.publish();
    assertThat(ring.snapshot().get(1).mdc()).containsExactly(Map.entry("only", "this"));
  }

  @Test
  void anEarlierLinesLongerContextIsNotKeptAlive() throws Exception {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(1, 1);
    String secret = new String("a large request body, once in the MDC".toCharArray());
    WeakReference<String> gone = new WeakReference<>(secret);
    BreadcrumbSlot slot = ring.claim();
    slot.line(1, Severity.INFO, "app", "main");
    slot.putContext("request", "r-1");
    slot.putContext("body", secret);
    slot.publish();
    secret = null;
    // the next line of the slot has a shorter context
    slot = ring.claim();
    slot.line(2, Severity.INFO, "app", "main");
    slot.putContext("request", "r-2");
    slot.publish();
    for (int i = 0; i < 50 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(gone.get()).as("the first line's extra context value").isNull();
    assertThat(ring.snapshot().get(0).mdc()).containsExactly(Map.entry("request", "r-2"));
  }

  @Test
  void aVeryLongMessageLeavesTheSlotsBufferNearTheCap() {
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(2, 1);
    BreadcrumbSlot slot = write(ring, 1, "zzzz ".repeat(200_000));
    assertThat(slot.text().capacity()).isLessThanOrEqualTo(BreadcrumbMessage.MAX_LENGTH + 64);
    assertThat(messages(ring).get(0)).hasSizeBetween(BreadcrumbMessage.MAX_LENGTH - 5, BreadcrumbMessage.MAX_LENGTH);
  }

  /**
   * The point of slots (issue 17): once a stripe's slots exist and their buffers have grown to the
   * lines written, writing a line allocates nothing, context data included. Counted by the JVM per
   * thread, so it is exact, not a timing.
   */
  @Test
  void writingLinesLapAfterLapAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    BreadcrumbRing ring = BreadcrumbRing.ofSlots(100, 1);
    String[] messages = {"order A-20481 for customer c-7731 reserved in 1234 ms", "cache miss", "GET /v1/orders"};
    String thread = Thread.currentThread().getName();
    Runnable lines =
        () -> {
          for (int i = 0; i < 100_000; i++) {
            BreadcrumbSlot slot = ring.claim();
            slot.line(i, Severity.INFO, "com.example.orders.OrderService", thread);
            slot.text().append(messages[i % 3]).append(' ').append(i);
            slot.putContext("requestId", messages[i % 3]);
            slot.putContext("tenant", "acme");
            slot.publish();
          }
        };
    lines.run(); // makes the slots and grows their buffers
    long before = threads.getCurrentThreadAllocatedBytes();
    lines.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // 100,000 lines: one byte per line would be 100 KB; a few hundred bytes is the JVM's own noise
    assertThat(allocated).as("bytes allocated by 100,000 lines").isLessThan(1_000);
  }
}
