package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread on which panics are turned into events, scrubbed and handed to the SDK. The log
 * call only enqueues, so the application thread never waits on serialisation or the network; and
 * capturing on a thread of our own keeps the SDK's per-thread re-entrancy guard from silently
 * dropping our event when the application's own Sentry code is on the stack. The thread is created
 * by the first panic, not at start-up.
 */
public final class DeliveryThread {
  static final int QUEUE_CAPACITY = 256;

  private final ThreadPoolExecutor executor;
  private final StatusSink status;
  private final AtomicLong dropped = new AtomicLong();
  private volatile Thread thread;

  public DeliveryThread(String name, StatusSink status) {
    this.status = status;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread created = new Thread(runnable, "panicwatch-delivery-" + name);
              created.setDaemon(true); // the shutdown hook drains it; it must not keep the JVM up
              thread = created;
              return created;
            });
  }

  /** True on the delivery thread: a panic logged from there must not be captured again. */
  public boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  /** Queues a task without blocking; a full queue drops it and says so. */
  public void submit(Runnable task) {
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException | Error e) {
              status.error("Delivering a panic failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      long count = dropped.incrementAndGet();
      status.warn(
          "Panic dropped: " + QUEUE_CAPACITY + " panics are already waiting (" + count + " dropped so far)",
          null);
    }
  }

  /** Waits until everything queued before this call has run; false on timeout. */
  public boolean drain(long timeoutMillis) {
    if (isCurrentThread()) {
      return true; // waiting on ourselves would only burn the timeout
    }
    try {
      Future<?> marker = executor.submit(() -> {});
      marker.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Runs what is queued, up to {@code timeoutMillis}, then stops the thread. */
  public boolean shutdown(long timeoutMillis) {
    executor.shutdown();
    try {
      return isCurrentThread() || executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      executor.shutdownNow();
    }
  }
}
