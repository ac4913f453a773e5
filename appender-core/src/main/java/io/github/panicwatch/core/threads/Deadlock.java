package io.github.panicwatch.core.threads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One deadlock (issue 18): a cycle of threads, each blocked for ever on a lock (a monitor or a
 * {@code java.util.concurrent} lock) that the next one holds, and the threads blocked behind the
 * cycle, which wait for ever too. The cycle starts at its thread with the lowest id, so the same
 * deadlock reads the same at every check.
 *
 * @param cycle each thread waits for a lock the next one holds; the last one waits for the first's
 * @param behind threads not in the cycle that wait, directly or not, for one of its locks
 * @param found when the check found it
 */
public record Deadlock(List<CapturedThread> cycle, List<CapturedThread> behind, Instant found) {

  public Deadlock {
    cycle = List.copyOf(cycle);
    behind = List.copyOf(behind);
  }

  /** What makes it the same deadlock at the next check: its threads' ids (never reused in a JVM). */
  public String key() {
    return cycle.stream().map(thread -> Long.toString(thread.id())).sorted().collect(Collectors.joining(","));
  }

  /** The cycle's threads, then those behind it: all of them blocked for ever. */
  public List<CapturedThread> threads() {
    List<CapturedThread> all = new ArrayList<>(cycle);
    all.addAll(behind);
    return all;
  }

  /**
   * {@code Deadlock: "worker-1" waits for java.lang.Object@1b6d3586 held by "worker-2", which waits
   * for java.util.concurrent.locks.ReentrantLock$NonfairSync@4554617c held by "worker-1"}, and the
   * threads behind it, if any.
   */
  public String message() {
    StringBuilder text = new StringBuilder("Deadlock: ");
    for (int i = 0; i < cycle.size(); i++) {
      CapturedThread thread = cycle.get(i);
      CapturedThread owner = cycle.get((i + 1) % cycle.size());
      if (i == 0) {
        text.append('"').append(thread.name()).append("\" waits for ");
      } else {
        text.append(", which waits for ");
      }
      text.append(thread.waitingFor()).append(" held by \"").append(owner.name()).append('"');
    }
    if (!behind.isEmpty()) {
      text.append("; blocked behind them: ")
          .append(behind.stream().map(thread -> '"' + thread.name() + '"').collect(Collectors.joining(", ")));
    }
    return text.toString();
  }

  /**
   * The deadlocks among {@code deadlocked}, the threads the JVM found deadlocked: it reports the
   * threads of every cycle and those that lead into one, without saying which is which, so each
   * cycle is found here by following who holds the lock each thread waits for.
   */
  static List<Deadlock> among(List<CapturedThread> deadlocked, Instant found) {
    Map<Long, CapturedThread> byId = new LinkedHashMap<>();
    deadlocked.forEach(thread -> byId.put(thread.id(), thread));
    Map<Long, Integer> cycleOf = new HashMap<>();
    List<List<CapturedThread>> cycles = new ArrayList<>();
    for (CapturedThread start : byId.values()) {
      List<Long> path = new ArrayList<>();
      Long id = start.id();
      while (id != null && byId.containsKey(id) && !path.contains(id) && !cycleOf.containsKey(id)) {
        path.add(id);
        id = ownerOf(byId.get(id));
      }
      if (id != null && path.contains(id)) {
        List<CapturedThread> cycle = new ArrayList<>();
        for (Long member : path.subList(path.indexOf(id), path.size())) {
          cycle.add(byId.get(member));
          cycleOf.put(member, cycles.size());
        }
        cycles.add(lowestIdFirst(cycle));
      }
    }
    List<List<CapturedThread>> behind = new ArrayList<>();
    cycles.forEach(cycle -> behind.add(new ArrayList<>()));
    for (CapturedThread thread : byId.values()) {
      Integer cycle = cycleLeadingFrom(thread, byId, cycleOf);
      if (!cycleOf.containsKey(thread.id()) && cycle != null) {
        behind.get(cycle).add(thread);
      }
    }
    List<Deadlock> deadlocks = new ArrayList<>();
    for (int i = 0; i < cycles.size(); i++) {
      deadlocks.add(new Deadlock(cycles.get(i), behind.get(i), found));
    }
    return deadlocks;
  }

  /** The cycle {@code thread} waits for, following owners; {@code null} when it reaches none. */
  private static Integer cycleLeadingFrom(CapturedThread thread, Map<Long, CapturedThread> byId, Map<Long, Integer> cycleOf) {
    Long id = thread.id();
    for (int steps = 0; id != null && steps <= byId.size(); steps++) {
      if (cycleOf.containsKey(id)) {
        return cycleOf.get(id);
      }
      CapturedThread next = byId.get(id);
      id = next == null ? null : ownerOf(next);
    }
    return null;
  }

  private static Long ownerOf(CapturedThread thread) {
    return thread.waitingFor() == null || thread.waitingFor().ownerId() < 0 ? null : thread.waitingFor().ownerId();
  }

  private static List<CapturedThread> lowestIdFirst(List<CapturedThread> cycle) {
    int lowest = cycle.indexOf(cycle.stream().min(Comparator.comparingLong(CapturedThread::id)).orElseThrow());
    List<CapturedThread> rotated = new ArrayList<>(cycle.subList(lowest, cycle.size()));
    rotated.addAll(cycle.subList(0, lowest));
    return rotated;
  }
}
