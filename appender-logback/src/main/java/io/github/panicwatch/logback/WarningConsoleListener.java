package io.github.panicwatch.logback;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import java.io.PrintStream;

/**
 * Prints the appender's own warnings and errors at run time (Sentry unreachable, a spool that
 * overflowed, a panic dropped) on stderr, for contexts where nobody listens to Logback's status:
 * without a listener those messages sit unseen in the status manager, which is exactly when the
 * engineer reading a missing report needs them. Added only when the context has no status
 * listener at all, so {@code debug="true"} or a user's own listener keep full control (the same
 * choice logstash-logback-encoder's async appender makes).
 */
final class WarningConsoleListener implements StatusListener {
  private final Object origin;
  private final PrintStream out;

  private WarningConsoleListener(Object origin, PrintStream out) {
    this.origin = origin;
    this.out = out;
  }

  /** Adds a listener for {@code origin} when {@code statusManager} has none; returns it or null. */
  static WarningConsoleListener addIfUnheard(StatusManager statusManager, Object origin, PrintStream out) {
    if (statusManager == null || !statusManager.getCopyOfStatusListenerList().isEmpty()) {
      return null;
    }
    WarningConsoleListener listener = new WarningConsoleListener(origin, out);
    statusManager.add(listener);
    return listener;
  }

  @Override
  public void addStatusEvent(Status status) {
    if (status.getOrigin() != origin || status.getLevel() < Status.WARN) {
      return;
    }
    Throwable cause = status.getThrowable();
    out.println(
        "panicwatch "
            + (status.getLevel() == Status.ERROR ? "ERROR" : "WARN")
            + ": "
            + status.getMessage()
            + (cause == null ? "" : " (" + cause + ")"));
  }
}
