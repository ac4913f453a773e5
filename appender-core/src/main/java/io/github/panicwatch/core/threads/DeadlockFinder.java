package io.github.panicwatch.core.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the JVM whether threads are deadlocked (issue 18): {@link
 * ThreadMXBean#findDeadlockedThreads()} looks for threads blocked for ever on each other's
 * monitors or {@code java.util.concurrent} locks, in one short stop of every thread; only when it
 * names some are their stacks and locks read. The cost is in the README's "Deadlocks" section.
 */
public final class DeadlockFinder {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** The deadlocks there are now, each with its threads marked crashed; usually none. */
  public List<Deadlock> find() {
    boolean synchronizers = threads.isSynchronizerUsageSupported();
    Instant found = Instant.now();
    long[] ids = synchronizers ? threads.findDeadlockedThreads() : threads.findMonitorDeadlockedThreads();
    if (ids == null) {
      return List.of();
    }
    List<CapturedThread> deadlocked = new ArrayList<>();
    for (ThreadInfo info :
        threads.getThreadInfo(ids, threads.isObjectMonitorUsageSupported(), synchronizers, ThreadCapture.MAX_FRAMES)) {
      if (info != null) {
        deadlocked.add(CapturedThread.of(info, true));
      }
    }
    return Deadlock.among(deadlocked, found);
  }
}
