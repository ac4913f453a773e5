package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.ILogger;
import io.sentry.SentryLevel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the SDK's own warnings and errors (a refused connection, a 500, a rate limit) to the status
 * system, so a delivery problem is visible where configuration problems are. At most a few messages
 * per window: a dead Sentry must not flood the host's console.
 */
final class SdkStatusLogger implements ILogger {
  private static final long WINDOW_MILLIS = 60_000;
  private static final int PER_WINDOW = 3;

  private final StatusSink status;
  private final AtomicLong windowStart = new AtomicLong();
  private final AtomicLong inWindow = new AtomicLong();

  SdkStatusLogger(StatusSink status) {
    this.status = status;
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
    return level != null && level.ordinal() >= SentryLevel.WARNING.ordinal();
  }

  private void relay(SentryLevel level, String message, Throwable throwable) {
    if (!isEnabled(level) || !admit()) {
      return;
    }
    String text = "Sentry SDK: " + message;
    if (level == SentryLevel.WARNING) {
      status.warn(text, throwable);
    } else {
      status.error(text, throwable);
    }
  }

  private boolean admit() {
    long now = System.currentTimeMillis();
    long start = windowStart.get();
    if (now - start > WINDOW_MILLIS && windowStart.compareAndSet(start, now)) {
      inWindow.set(0);
    }
    return inWindow.incrementAndGet() <= PER_WINDOW;
  }
}
