package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.status.StatusSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery thread's queue, drain and shutdown (issue 20), and its waits on interrupted threads (issue 12). */
class DeliveryThreadTest {
  private static final long WAIT_MILLIS = 20_000;

  private final DeliveryThread delivery = new DeliveryThread("TEST", StatusSink.NONE);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    delivery.shutdown(WAIT_MILLIS);
  }

  /** Occupies the thread until {@link #release} opens; returns once it is busy. */
  private void block() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    assertThat(delivery.submit(() -> {
      busy.countDown();
      boolean done = false;
      while (!done) {
        try {
          done = release.await(WAIT_MILLIS, TimeUnit.MILLISECONDS); // a task that ignores interrupts
        } catch (InterruptedException e) {
          // keep waiting: a panic being built is not given up
        }
      }
    })).isTrue();
    assertThat(busy.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void tasksRunInOrderOnTheDeliveryThreadAndDrainWaitsForThem() {
    List<String> ran = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) {
      int task = i;
      delivery.submit(() -> ran.add(task + " on " + Thread.currentThread().getName()));
    }
    assertThat(delivery.drain(WAIT_MILLIS)).isTrue();
    assertThat(ran).containsExactly(
        "0 on panicwatch-delivery-TEST", "1 on panicwatch-delivery-TEST", "2 on panicwatch-delivery-TEST",
        "3 on panicwatch-delivery-TEST", "4 on panicwatch-delivery-TEST");
  }

  @Test
  void aFullQueueRefusesWithoutBlockingAndSaysSo() throws Exception {
    block();
    for (int i = 0; i < DeliveryThread.QUEUE_CAPACITY; i++) {
      assertThat(delivery.submit(() -> {})).as("task %d", i).isTrue();
    }
    assertThat(delivery.submit(() -> {})).as("one past the capacity").isFalse();
  }

  @Test
  void aTaskThatFailsDoesNotStopTheThread() {
    delivery.submit(() -> {
      throw new IllegalStateException("boom");
    });
    List<String> ran = new CopyOnWriteArrayList<>();
    delivery.submit(() -> ran.add("after"));
    assertThat(delivery.drain(WAIT_MILLIS)).isTrue();
    assertThat(ran).containsExactly("after");
  }

  @Test
  void drainOnAnInterruptedThreadStillWaitsAndKeepsTheFlag() throws Exception {
    block();
    List<String> ran = new CopyOnWriteArrayList<>();
    delivery.submit(() -> ran.add("queued"));
    release.countDown();
    Thread.currentThread().interrupt();
    boolean drained = delivery.drain(WAIT_MILLIS);
    boolean stillInterrupted = Thread.interrupted();
    assertThat(drained).isTrue();
    assertThat(ran).containsExactly("queued");
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void submitAndWaitReturnsOnceTheTaskRanEvenOnAnInterruptedThread() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Thread.currentThread().interrupt();
    boolean queued = delivery.submitAndWait(() -> ran.add(Thread.currentThread().getName()), WAIT_MILLIS);
    boolean stillInterrupted = Thread.interrupted();
    assertThat(queued).isTrue();
    assertThat(ran).containsExactly("panicwatch-delivery-TEST");
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void shutdownRunsWhatIsQueuedAndThenRefusesMore() {
    List<String> ran = new CopyOnWriteArrayList<>();
    delivery.submit(() -> ran.add("queued"));
    assertThat(delivery.shutdown(WAIT_MILLIS)).isZero();
    assertThat(ran).containsExactly("queued");
    assertThat(delivery.submit(() -> ran.add("late"))).isFalse();
  }

  @Test
  void shutdownThatTimesOutCountsThePanicsNotPrepared() throws Exception {
    block();
    delivery.submit(() -> {});
    delivery.submit(() -> {});
    assertThat(delivery.shutdown(1)).as("two queued and one in progress").isEqualTo(3);
  }
}
