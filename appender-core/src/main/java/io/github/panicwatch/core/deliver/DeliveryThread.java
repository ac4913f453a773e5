package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which panics are turned into events, scrubbed and handed to the SDK. The log
 * call only enqueues, so the application thread never waits on serialisation or the network; and
 * capturing on a thread of our own keeps the SDK's per-thread re-entrancy guard from silently
 * dropping our event when the application's own Sentry code is on the stack. The thread is created
 * by the first task: the first panic, or at start-up the look for earlier runs' fatal-error reports
 * (issue 16), which the application's start must not wait for.
 *
 * <p>The queue is bounded ({@value #QUEUE_CAPACITY} panics); {@link #submit} says when it is full or
 * stopped, and the caller decides what to do with the panic (issue 12: it is kept on the calling
 * thread, never dropped silently). Every wait here tolerates an interrupted caller ({@link
 * InterruptMask}).
 */
public final class DeliveryThread {
  /** Panics waiting to be built at most; a storm past it is handled on the logging threads. */
  public static final int QUEUE_CAPACITY = 256;

  private final ThreadPoolExecutor executor;
  private final StatusSink status;
  private volatile Thread thread;
  private final Object progress = new Object();
  // guarded by progress
  private long submitted;
  private long completed;

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

  /**
   * Queues a task without blocking.
   *
   * @return false when the queue is full or the thread was shut down: the task will not run here
   */
  public boolean submit(Runnable task) {
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException | Error e) {
              status.error("Delivering a panic failed", e);
            } finally {
              synchronized (progress) {
                completed++;
                progress.notifyAll();
              }
            }
          });
    } catch (RejectedExecutionException e) {
      return false;
    }
    synchronized (progress) {
      submitted++; // after the task may even have run: completed only ever catches up
    }
    return true;
  }

  /**
   * Queues a task and waits for it to have run, at most {@code timeoutMillis}, whatever interrupts
   * the caller gets meanwhile: for the JVM's exit, when the caller must not return before the panic
   * is kept, and the work itself must run where no interrupt can reach it (a {@code FileChannel} is
   * closed by one, and Logback's {@code AsyncAppender} interrupts its worker at any moment of its
   * last drain).
   *
   * @return false when the task could not be queued (full, or shut down): it will not run here
   */
  public boolean submitAndWait(Runnable task, long timeoutMillis) {
    CountDownLatch done = new CountDownLatch(1);
    boolean queued =
        submit(
            () -> {
              try {
                task.run();
              } finally {
                done.countDown();
              }
            });
    if (queued && !isCurrentThread()) {
      InterruptMask.await(timeoutMillis, nanos -> done.await(nanos, TimeUnit.NANOSECONDS));
    }
    return queued;
  }

  /** Waits until everything queued before this call has run; false on timeout. */
  public boolean drain(long timeoutMillis) {
    if (isCurrentThread()) {
      return true; // waiting on ourselves would only burn the timeout
    }
    synchronized (progress) {
      long target = submitted;
      return InterruptMask.await(
          timeoutMillis,
          nanos -> {
            long deadline = System.nanoTime() + nanos;
            while (completed < target) {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                return false;
              }
              TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
          });
    }
  }

  /**
   * Runs what is queued, up to {@code timeoutMillis}, then stops the thread.
   *
   * @return how many queued panics were not prepared in time and are dropped
   */
  public int shutdown(long timeoutMillis) {
    executor.shutdown();
    if (isCurrentThread()
        || InterruptMask.await(timeoutMillis, nanos -> executor.awaitTermination(nanos, TimeUnit.NANOSECONDS))) {
      return 0;
    }
    return executor.shutdownNow().size() + (executor.getActiveCount() > 0 ? 1 : 0);
  }
}
