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
 * choice logstash-logback-encoder's async appender makes). With the appender's {@code debug}, its
 * information lines too, the Sentry SDK's diagnostic lines among them (issue 15).
 */
final class WarningConsoleListener implements StatusListener {
  private final Object origin;
  private final PrintStream out;
  private final int minimumLevel;

  private WarningConsoleListener(Object origin, PrintStream out, int minimumLevel) {
    this.origin = origin;
    this.out = out;
    this.minimumLevel = minimumLevel;
  }

  /**
   * Adds a listener for {@code origin} when {@code statusManager} has none; returns it or null.
   *
   * @param minimumLevel the lowest level printed: {@link Status#WARN}, or {@link Status#INFO} too
   */
  static WarningConsoleListener addIfUnheard(
      StatusManager statusManager, Object origin, PrintStream out, int minimumLevel) {
    if (statusManager == null || !statusManager.getCopyOfStatusListenerList().isEmpty()) {
      return null;
    }
    WarningConsoleListener listener = new WarningConsoleListener(origin, out, minimumLevel);
    statusManager.add(listener);
    return listener;
  }

  @Override
  public void addStatusEvent(Status status) {
    if (status.getOrigin() != origin || status.getLevel() < minimumLevel) {
      return;
    }
    Throwable cause = status.getThrowable();
    out.println(
        "panicwatch "
            + (status.getLevel() == Status.ERROR ? "ERROR" : status.getLevel() == Status.WARN ? "WARN" : "INFO")
            + ": "
            + status.getMessage()
            + (cause == null ? "" : " (" + cause + ")"));
  }
}
