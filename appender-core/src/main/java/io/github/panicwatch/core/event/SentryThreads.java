package io.github.panicwatch.core.event;

import io.github.panicwatch.core.threads.CapturedThread;
import io.github.panicwatch.core.threads.CapturedThreads;
import io.sentry.SentryLockReason;
import io.sentry.SentryStackTraceFactory;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.SentryThread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captured threads in Sentry's {@code threads} interface: id, name, state, daemon, priority,
 * crashed and current, the stack (its frames made by the SDK's own factory, so {@code in_app} is
 * decided as for the exception's frames), and in {@code held_locks} the lock a thread waits for,
 * with the id of the thread that holds it, and the locks it holds, as Sentry shows them for a
 * thread dump.
 */
final class SentryThreads {
  private final SentryStackTraceFactory frames;

  SentryThreads(SentryStackTraceFactory frames) {
    this.frames = frames;
  }

  List<SentryThread> of(CapturedThreads captured) {
    List<SentryThread> threads = new ArrayList<>(captured.threads().size());
    for (CapturedThread thread : captured.threads()) {
      threads.add(of(thread));
    }
    return threads;
  }

  private SentryThread of(CapturedThread thread) {
    SentryThread sentry = new SentryThread();
    sentry.setId(thread.id());
    sentry.setName(thread.name());
    sentry.setState(thread.state().name());
    sentry.setDaemon(thread.daemon());
    sentry.setPriority(thread.priority());
    sentry.setCrashed(thread.crashed());
    if (thread.current()) {
      sentry.setCurrent(true);
    }
    List<SentryStackFrame> stack = frames.getStackFrames(thread.stack().toArray(new StackTraceElement[0]), false);
    if (stack != null && !stack.isEmpty()) {
      SentryStackTrace trace = new SentryStackTrace(stack);
      trace.setSnapshot(true); // the thread's stack at a moment, not where an error was thrown
      sentry.setStacktrace(trace);
    }
    Map<String, SentryLockReason> locks = new LinkedHashMap<>();
    CapturedThread.LockRef waitingFor = thread.waitingFor();
    if (waitingFor != null) {
      int type = thread.state() == Thread.State.BLOCKED ? SentryLockReason.BLOCKED : SentryLockReason.WAITING;
      SentryLockReason reason = reason(waitingFor, type);
      if (waitingFor.ownerId() >= 0) {
        reason.setThreadId(waitingFor.ownerId());
      }
      locks.put(reason.getAddress(), reason);
    }
    for (CapturedThread.LockRef held : thread.held()) {
      SentryLockReason reason = reason(held, SentryLockReason.LOCKED);
      locks.putIfAbsent(reason.getAddress(), reason);
    }
    if (!locks.isEmpty()) {
      sentry.setHeldLocks(locks);
    }
    return sentry;
  }

  private static SentryLockReason reason(CapturedThread.LockRef lock, int type) {
    SentryLockReason reason = new SentryLockReason();
    reason.setType(type);
    reason.setAddress(String.format("0x%08x", lock.identityHashCode()));
    int dot = lock.className().lastIndexOf('.');
    reason.setPackageName(dot < 0 ? null : lock.className().substring(0, dot));
    reason.setClassName(lock.className().substring(dot + 1));
    return reason;
  }
}
