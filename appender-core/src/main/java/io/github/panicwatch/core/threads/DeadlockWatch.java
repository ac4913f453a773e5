package io.github.panicwatch.core.threads;

import io.github.panicwatch.core.status.StatusSink;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The daemon thread of one engine that looks for deadlocks every {@code deadlockCheckInterval}
 * (issue 18): a deadlocked JVM prints nothing and crashes not, it stops answering until something
 * kills it. Each deadlock found is handed over once: the same cycle (the same thread ids, which a
 * JVM never reuses) is not reported again, not at the next check and not by the engine a Logback
 * reload or a Log4j2 reconfiguration starts under the same appender name.
 */
public final class DeadlockWatch {
  /** Deadlocks reported per appender name, for the life of the JVM: their threads never end either. */
  private static final Map<String, Set<String>> REPORTED = new ConcurrentHashMap<>();
  /** Distinct deadlocks remembered per name at most; past it the oldest is forgotten. */
  static final int MAX_REMEMBERED = 1_000;

  private final long intervalMillis;
  private final Supplier<List<Deadlock>> finder;
  private final Consumer<Deadlock> report;
  private final StatusSink status;
  private final Set<String> reported;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;

  private DeadlockWatch(
      String name, long intervalMillis, Supplier<List<Deadlock>> finder, Consumer<Deadlock> report, StatusSink status) {
    this.intervalMillis = intervalMillis;
    this.finder = finder;
    this.report = report;
    this.status = status;
    this.reported = REPORTED.computeIfAbsent(String.valueOf(name), key -> new LinkedHashSet<>());
    this.thread = new Thread(this::run, "panicwatch-deadlocks-" + name);
    thread.setDaemon(true); // it must never keep the JVM up
  }

  /**
   * Starts the thread; its first check is one interval from now.
   *
   * @param report receives each new deadlock, on the watch's thread; must not throw
   */
  public static DeadlockWatch start(String name, long intervalMillis, Consumer<Deadlock> report, StatusSink status) {
    return start(name, intervalMillis, new DeadlockFinder()::find, report, status);
  }

  /** The same with the checks made by {@code finder}. */
  static DeadlockWatch start(
      String name, long intervalMillis, Supplier<List<Deadlock>> finder, Consumer<Deadlock> report, StatusSink status) {
    DeadlockWatch watch = new DeadlockWatch(name, intervalMillis, finder, report, status);
    watch.thread.start();
    return watch;
  }

  private void run() {
    try {
      while (!stopped.await(intervalMillis, TimeUnit.MILLISECONDS)) {
        for (Deadlock deadlock : finder.get()) {
          if (firstReport(deadlock)) {
            report.accept(deadlock);
          }
        }
      }
    } catch (InterruptedException e) {
      // close() never interrupts: this came from elsewhere (code interrupting every thread). It ends
      // the checks all the same, but not silently: the service would believe itself watched
      if (stopped.getCount() > 0) {
        status.warn("deadlock detection stopped: its thread was interrupted", null);
      }
    } catch (RuntimeException | Error e) {
      // a JVM that cannot tell (a security manager refusing "monitor") would fail every time
      status.warn("deadlock detection stopped: its check failed", e);
    }
  }

  private boolean firstReport(Deadlock deadlock) {
    synchronized (reported) {
      if (!reported.add(deadlock.key())) {
        return false;
      }
      if (reported.size() > MAX_REMEMBERED) {
        Iterator<String> oldest = reported.iterator();
        oldest.next();
        oldest.remove();
      }
      return true;
    }
  }

  /**
   * Stops the thread and waits for it to end, at most {@code timeoutMillis}, whatever interrupts the
   * caller gets meanwhile (the flag is set again afterwards): at once between checks; after handing
   * over a deadlock it found as it was asked to stop.
   */
  public void close(long timeoutMillis) {
    stopped.countDown();
    if (Thread.currentThread() == thread) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean interrupted = false;
    while (thread.isAlive() && deadline - System.nanoTime() > 0) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
