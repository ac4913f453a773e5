package io.github.panicwatch.core.threads;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads a panic carries (issue 15, {@code attachThreads}; issue 18, deadlocks): the ones kept,
 * the most telling first, and how many were left out. Held from the log call until the event is
 * built; {@link #close()} then gives back its place among the captures that may wait for delivery
 * at once ({@link ThreadCapture}).
 */
public final class CapturedThreads implements AutoCloseable {
  private final List<CapturedThread> threads;
  private final int omitted;
  private final String notAttached;
  private final Runnable release;
  private final AtomicBoolean released = new AtomicBoolean();

  CapturedThreads(List<CapturedThread> threads, int omitted, String notAttached, Runnable release) {
    this.threads = List.copyOf(threads);
    this.omitted = omitted;
    this.notAttached = notAttached;
    this.release = release;
  }

  /** Exactly these threads, none left out. */
  public static CapturedThreads of(List<CapturedThread> threads) {
    return new CapturedThreads(threads, 0, null, () -> {});
  }

  /** No thread at all, and why. */
  static CapturedThreads notAttached(String why) {
    return new CapturedThreads(List.of(), 0, why, () -> {});
  }

  /** The threads kept, in the order the event lists them. */
  public List<CapturedThread> threads() {
    return threads;
  }

  /** Live threads left out by the bound of {@link ThreadCapture#MAX_THREADS}. */
  public int omitted() {
    return omitted;
  }

  /** Why no thread was taken at all, or {@code null} when they were. */
  public String notAttached() {
    return notAttached;
  }

  /** Gives back this capture's place; the threads stay readable. Idempotent. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
