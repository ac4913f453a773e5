package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Tells a death by the kernel's OOM killer from any other SIGKILL (issue 16): the cgroup's {@code
 * oom_kill} count before the child's death against the count after it. The kernel counts the kill
 * before it sends the SIGKILL, so the count after the death always has it; the count before must
 * come from before the kill, and a large process can take a while to die of it. So the count is
 * read when the child starts and then every {@value #SAMPLE_MILLIS} ms while it runs (one small
 * read of a kernel file), and "before" is the newest reading at least {@value #LOOKBACK_SECONDS} s
 * older than the death (or the one at the start, for a child that lived less). A count read only
 * at the start would blame the child's SIGKILL on any OOM kill of another process of the same
 * cgroup since then, hours ago perhaps; this way only one in the last few seconds before it.
 */
final class OomKillWatch {
  static final long SAMPLE_MILLIS = 1_000;
  static final long LOOKBACK_SECONDS = 5;

  private final CgroupMemory memory;
  private final String problem;
  /** Readings as {nanoTime, count}, oldest first; the first is the "before" of a death now. */
  private final ArrayDeque<long[]> readings = new ArrayDeque<>();
  private String lastFailure;

  private OomKillWatch(CgroupMemory memory, String problem) {
    this.memory = memory;
    this.problem = problem;
  }

  /**
   * Finds the cgroup and reads the count once; call right after the child started.
   *
   * @param cgroup the folder {@code --cgroup} names, {@code null} for this process's own cgroup
   */
  static OomKillWatch start(Path cgroup, StatusSink status) {
    CgroupMemory.Found found = cgroup == null
        ? CgroupMemory.locate(CgroupMemory.PROC_SELF_CGROUP, CgroupMemory.PROC_SELF_MOUNTINFO)
        : CgroupMemory.at(cgroup);
    OomKillWatch watch = new OomKillWatch(found.memory(), found.problem());
    if (found.memory() == null) {
      String message = "a death by SIGKILL cannot be told from one by the kernel's OOM killer: " + found.problem();
      if (cgroup != null) {
        status.warn(message, null); // the operator named this folder
      } else {
        status.info(message);
      }
      return watch;
    }
    watch.sample(System.nanoTime());
    status.info(watch.readings.isEmpty()
        ? "the OOM killer's count in " + found.memory().dir() + " cannot be read: " + watch.lastFailure
        : "the OOM killer's count in " + found.memory().dir() + " is " + watch.readings.getLast()[1]
            + " at the child's start");
    return watch;
  }

  /** Waits for the child's exit, reading the count every {@value #SAMPLE_MILLIS} ms meanwhile. */
  int awaitExit(Process child) throws InterruptedException {
    if (memory == null) {
      return child.waitFor();
    }
    while (!child.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
      sample(System.nanoTime());
    }
    return child.exitValue();
  }

  /** Reads the count; keeps the newest reading at least the look-back old, and every newer one. */
  void sample(long nanoTime) {
    try {
      readings.addLast(new long[] {nanoTime, memory.oomKills()});
    } catch (IOException | RuntimeException e) {
      lastFailure = e.toString();
      return;
    }
    // the oldest goes once the next one is old enough to be "before" itself
    long lookBack = nanoTime - TimeUnit.SECONDS.toNanos(LOOKBACK_SECONDS);
    while (readings.size() >= 2 && second(readings)[0] <= lookBack) {
      readings.removeFirst();
    }
  }

  private static long[] second(ArrayDeque<long[]> readings) {
    Iterator<long[]> oldestFirst = readings.iterator();
    oldestFirst.next();
    return oldestFirst.next();
  }

  /** What the counters say now that the child has died of SIGKILL. */
  OomKillEvidence afterDeath() {
    if (memory == null) {
      return OomKillEvidence.unread(problem);
    }
    if (readings.isEmpty()) {
      return OomKillEvidence.unread("the OOM killer's count in " + memory.dir() + " could not be read while the child ran ("
          + lastFailure + ")");
    }
    long after;
    try {
      after = memory.oomKills();
    } catch (IOException | RuntimeException e) {
      return OomKillEvidence.unread("the OOM killer's count in " + memory.dir() + " could not be read after the child's death ("
          + e + ")");
    }
    return new OomKillEvidence(memory.dir(), readings.getFirst()[1], after, limit(), peak(), null);
  }

  private Long limit() {
    try {
      return memory.limitBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Long peak() {
    try {
      return memory.peakBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The cgroup's folder, for tests; {@code null} when none was found. */
  Path dir() {
    return memory == null ? null : memory.dir();
  }
}
