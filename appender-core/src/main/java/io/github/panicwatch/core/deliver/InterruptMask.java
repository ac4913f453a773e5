package io.github.panicwatch.core.deliver;

import java.util.concurrent.TimeUnit;

/**
 * Runs Panicwatch's own work and bounded waits with the calling thread's interrupt flag cleared,
 * and sets the flag again afterwards (issue 12). The threads that hand us panics are often
 * interrupted on purpose: Logback's {@code AsyncAppender} interrupts its worker at stop and lets it
 * drain into the appenders behind it; a framework may stop us from an interrupted thread. A wait that
 * failed at once there (a latch, a queue, a {@code FileChannel}, which an interrupt closes) would
 * drop the very panic the stop is about. The interrupt is not lost, only deferred: whoever asked for
 * it sees the flag set when we return.
 */
public final class InterruptMask {
  private InterruptMask() {}

  /** One bounded wait: returns true when what it waits for happened within {@code nanos}. */
  @FunctionalInterface
  public interface TimedWait {
    boolean await(long nanos) throws InterruptedException;
  }

  /**
   * Waits up to {@code timeoutMillis} in all, whatever interrupts arrive meanwhile; the flag is set
   * again on return if it was set before or an interrupt arrived.
   *
   * @return what the wait returned; false on timeout
   */
  public static boolean await(long timeoutMillis, TimedWait wait) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return wait.await(Math.max(0, deadline - System.nanoTime()));
        } catch (InterruptedException e) {
          interrupted = true; // wait on for the rest of the bound
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code action} with the flag cleared, and sets it again afterwards if it was set. */
  public static void run(Runnable action) {
    boolean interrupted = Thread.interrupted();
    try {
      action.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
