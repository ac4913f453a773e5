package io.github.panicwatch.core.threads;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread as it was at a panic or a deadlock check: what Sentry's {@code threads} interface
 * shows of it, copied from the JVM's snapshot so it can wait for the delivery thread unchanged.
 *
 * @param id the thread's id (never reused within a JVM)
 * @param name its name then
 * @param state its state then
 * @param daemon whether it was a daemon thread
 * @param priority its priority
 * @param stack its top frames, top of the stack first, at most {@link ThreadCapture#MAX_FRAMES}
 * @param crashed the thread the panic happened on or died of it, or one of a deadlock's threads
 * @param current the thread that was running the capture (the one that logged the panic)
 * @param waitingFor the lock it was blocked on or waiting for, or {@code null}
 * @param held the locks it held, as far as the snapshot says (only a deadlock's threads say)
 */
public record CapturedThread(
    long id,
    String name,
    Thread.State state,
    boolean daemon,
    int priority,
    List<StackTraceElement> stack,
    boolean crashed,
    boolean current,
    LockRef waitingFor,
    List<LockRef> held) {

  public CapturedThread {
    stack = List.copyOf(stack);
    held = List.copyOf(held);
  }

  /**
   * A lock as a thread dump names it: its class and identity hash ({@code
   * java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586}), and the thread that owned it.
   *
   * @param ownerId the owner's id, or -1 when none is known (a lock held, or an {@code Object.wait})
   * @param ownerName the owner's name, or {@code null}
   */
  public record LockRef(String className, int identityHashCode, long ownerId, String ownerName) {
    /** As the JDK's {@link LockInfo#toString()} writes it, {@code class@hex}. */
    @Override
    public String toString() {
      return className + '@' + Integer.toHexString(identityHashCode);
    }
  }

  /** The thread a snapshot describes; its stack as the snapshot has it (already bounded by the JVM). */
  static CapturedThread of(ThreadInfo info, boolean crashed) {
    return of(info, List.of(info.getStackTrace()), crashed, false);
  }

  /** The same with {@code stack} in place of the snapshot's, for the thread that takes it. */
  static CapturedThread of(ThreadInfo info, List<StackTraceElement> stack, boolean crashed, boolean current) {
    LockInfo lock = info.getLockInfo();
    LockRef waitingFor =
        lock == null ? null : new LockRef(lock.getClassName(), lock.getIdentityHashCode(), info.getLockOwnerId(), info.getLockOwnerName());
    List<LockRef> held = new ArrayList<>();
    for (MonitorInfo monitor : info.getLockedMonitors()) {
      held.add(new LockRef(monitor.getClassName(), monitor.getIdentityHashCode(), info.getThreadId(), info.getThreadName()));
    }
    for (LockInfo synchronizer : info.getLockedSynchronizers()) {
      held.add(new LockRef(synchronizer.getClassName(), synchronizer.getIdentityHashCode(), info.getThreadId(), info.getThreadName()));
    }
    return new CapturedThread(
        info.getThreadId(),
        info.getThreadName(),
        info.getThreadState(),
        info.isDaemon(),
        info.getPriority(),
        stack,
        crashed,
        current,
        waitingFor,
        held);
  }

  /** This thread marked as crashed. */
  CapturedThread asCrashed() {
    return new CapturedThread(id, name, state, daemon, priority, stack, true, current, waitingFor, held);
  }
}
