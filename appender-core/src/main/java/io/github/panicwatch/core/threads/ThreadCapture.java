package io.github.panicwatch.core.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Takes the stacks of every live thread (issue 15, {@code attachThreads}), on the thread that asks:
 * at a panic that is the thread that logged it, so the stacks are those of the moment of the log
 * call, not of a later moment on the delivery thread. The JVM stops every thread briefly to take
 * the snapshot ({@link ThreadMXBean#getThreadInfo(long[], int)}).
 *
 * <p>Bounded (README "Threads"): the top {@value #MAX_FRAMES} frames of each thread, {@value
 * #MAX_THREADS} threads, the panicking thread first and then the most telling: blocked, running,
 * waiting, sleeping, each by id. At most {@value #MAX_WAITING} captures wait for delivery at once:
 * in a storm of panics, one beyond them carries no threads and says why, rather than hold a thread
 * dump per queued panic in memory.
 */
public final class ThreadCapture {
  public static final int MAX_THREADS = 256;
  public static final int MAX_FRAMES = 64;
  public static final int MAX_WAITING = 4;
  /** Frames of the capture itself, on top of the panicking thread's stack, that nobody needs to see. */
  private static final String OWN_FRAMES = "io.github.panicwatch.";
  private static final Comparator<ThreadInfo> MOST_TELLING_FIRST =
      Comparator.comparingInt((ThreadInfo info) -> rank(info.getThreadState())).thenComparingLong(ThreadInfo::getThreadId);

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Semaphore waiting = new Semaphore(MAX_WAITING);

  /**
   * Every live thread, for a panic logged on the calling thread: {@code panicking} (when it is the
   * calling thread, as it is unless an asynchronous appender runs the capture) is first, marked
   * crashed and current, with its stack below Panicwatch's own frames. Never throws: a JVM that
   * cannot list its threads gives none, and says why.
   */
  public CapturedThreads atPanic(Thread panicking) {
    if (!waiting.tryAcquire()) {
      return CapturedThreads.notAttached(MAX_WAITING + " earlier panics' threads were still waiting to be sent");
    }
    try {
      Thread current = Thread.currentThread();
      return capture(panicking == current ? current.getId() : -1, List.of(), waiting::release);
    } catch (RuntimeException | Error e) {
      waiting.release();
      return CapturedThreads.notAttached("the JVM did not list its threads: " + e);
    }
  }

  /** Every live thread, {@code first} (a deadlock's) first and as given. Never throws. */
  public CapturedThreads allWith(List<CapturedThread> first) {
    try {
      return capture(-1, first, () -> {});
    } catch (RuntimeException | Error e) {
      return new CapturedThreads(first, 0, null, () -> {});
    }
  }

  /**
   * Two snapshots: the states of all threads, without stacks (cheap: half a millisecond for 1,000
   * threads), to choose the most telling; then the stacks of the chosen ones only. One snapshot of
   * every stack costs several times more with many threads, most of it making frames that the
   * bound would then throw away.
   */
  private CapturedThreads capture(long panickingId, List<CapturedThread> given, Runnable release) {
    Set<Long> taken = new HashSet<>();
    given.forEach(thread -> taken.add(thread.id()));
    List<CapturedThread> kept = new ArrayList<>();
    List<ThreadInfo> others = new ArrayList<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
      if (info == null || taken.contains(info.getThreadId())) {
        continue; // ended meanwhile, or given
      }
      if (info.getThreadId() == panickingId) {
        kept.add(CapturedThread.of(info, ownStack(), true, true));
      } else {
        others.add(info);
      }
    }
    kept.addAll(given);
    others.sort(MOST_TELLING_FIRST);
    int room = Math.max(0, MAX_THREADS - kept.size());
    long[] chosen = others.stream().limit(room).mapToLong(ThreadInfo::getThreadId).toArray();
    for (ThreadInfo info : threads.getThreadInfo(chosen, MAX_FRAMES)) {
      if (info != null) {
        kept.add(CapturedThread.of(info, false));
      }
    }
    return new CapturedThreads(kept, Math.max(0, others.size() - room), null, release);
  }

  /** The calling thread's stack without the capture's own frames on top, at most {@link #MAX_FRAMES}. */
  private static List<StackTraceElement> ownStack() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    int top = 0;
    while (top < stack.length && stack[top].getClassName().startsWith(OWN_FRAMES)) {
      top++;
    }
    return List.of(stack).subList(top, Math.min(stack.length, top + MAX_FRAMES));
  }

  private static int rank(Thread.State state) {
    return switch (state) {
      case BLOCKED -> 0;
      case RUNNABLE -> 1;
      case WAITING -> 2;
      case TIMED_WAITING -> 3;
      case NEW, TERMINATED -> 4;
    };
  }
}
