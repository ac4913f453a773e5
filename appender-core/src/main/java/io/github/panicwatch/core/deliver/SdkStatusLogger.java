package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.ILogger;
import io.sentry.SentryLevel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the SDK's own warnings and errors (a refused connection, a 500, a rate limit) to the status
 * system, so a delivery problem is visible where configuration problems are. At most a few messages
 * per window: a dead Sentry must not flood the host's console.
 *
 * <p>With {@code debug} (issue 15), the SDK's diagnostic lines below a warning come too, as INFO
 * status lines, under a window of their own so they never crowd out a warning; each is cut at
 * {@value #MAX_DEBUG_LINE} characters, because Logback's status manager keeps its first lines for
 * the life of the process and the SDK logs every event it serialises (scrubbed by then) whole.
 */
final class SdkStatusLogger implements ILogger {
  private static final long WINDOW_MILLIS = 60_000;
  private static final int PER_WINDOW = 3;
  /** Diagnostic lines per window with {@code debug}: a few panics' worth. */
  static final int DEBUG_PER_WINDOW = 100;
  /** Characters of one diagnostic line at most. */
  static final int MAX_DEBUG_LINE = 2_000;

  private final StatusSink status;
  private final boolean debug;
  private final Window problems = new Window(PER_WINDOW);
  private final Window diagnostics = new Window(DEBUG_PER_WINDOW);

  SdkStatusLogger(StatusSink status, boolean debug) {
    this.status = status;
    this.debug = debug;
  }

  @Override
  public void log(SentryLevel level, String message, Object... args) {
    log(level, null, message, args);
  }

  @Override
  public void log(SentryLevel level, String message, Throwable throwable) {
    relay(level, message, throwable);
  }

  @Override
  public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
    if (isEnabled(level)) {
      String text;
      try {
        text = args == null || args.length == 0 ? message : String.format(message, args);
      } catch (RuntimeException e) {
        text = message;
      }
      relay(level, text, throwable);
    }
  }

  @Override
  public boolean isEnabled(SentryLevel level) {
    return level != null && (debug || isProblem(level));
  }

  private static boolean isProblem(SentryLevel level) {
    return level.ordinal() >= SentryLevel.WARNING.ordinal();
  }

  private void relay(SentryLevel level, String message, Throwable throwable) {
    if (!isEnabled(level)) {
      return;
    }
    if (!isProblem(level)) {
      if (diagnostics.admit()) {
        String text = "Sentry SDK: " + message;
        status.info(
            (text.length() <= MAX_DEBUG_LINE
                ? text : text.substring(0, MAX_DEBUG_LINE) + "…[" + (text.length() - MAX_DEBUG_LINE) + " characters more]")
                + (throwable == null ? "" : " (" + throwable + ")"));
      }
      return;
    }
    if (!problems.admit()) {
      return;
    }
    String text = "Sentry SDK: " + message;
    if (level == SentryLevel.WARNING) {
      status.warn(text, throwable);
    } else {
      status.error(text, throwable);
    }
  }

  /** At most {@code limit} lines per {@link #WINDOW_MILLIS}. */
  private static final class Window {
    private final int limit;
    private final AtomicLong start = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();

    Window(int limit) {
      this.limit = limit;
    }

    boolean admit() {
      long now = System.currentTimeMillis();
      long began = start.get();
      if (now - began > WINDOW_MILLIS && start.compareAndSet(began, now)) {
        admitted.set(0);
      }
      return admitted.incrementAndGet() <= limit;
    }
  }
}
