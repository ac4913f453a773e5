package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.sentry.SentryEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts panics lost for one reason, says so once per burst (an ERROR status line at the first loss,
 * then silence until an event carries the count), and hands the count to the next event as an extra
 * (issue 12: nothing is lost silently, and a storm of losses does not flood the console).
 */
public final class LostPanics {
  private final String name;
  private final String extra;
  private final String consequence;
  private final StatusSink status;
  private final AtomicLong unreported = new AtomicLong();
  private final AtomicBoolean inBurst = new AtomicBoolean();

  /**
   * @param extra the extra the next event carries the count in
   * @param consequence what the status line says happened to the panic, e.g. "dropped"
   */
  LostPanics(String name, String extra, String consequence, StatusSink status) {
    this.name = name;
    this.extra = extra;
    this.consequence = consequence;
    this.status = status;
  }

  /** Counts one panic lost; the first of a burst is an ERROR status line naming {@code reason}. */
  public void drop(String reason) {
    add(1, reason);
  }

  /** Counts {@code count} panics lost at once. */
  void add(long count, String reason) {
    unreported.addAndGet(count);
    if (inBurst.compareAndSet(false, true)) {
      status.error(
          "panic " + consequence + ": " + reason + " (the next event sent carries "
              + "extra." + extra + " with the count; further losses until then are only counted)",
          null);
    }
  }

  /** Puts the count so far on {@code event} and starts counting anew; the next loss is said again. */
  void addTo(SentryEvent event) {
    long count = unreported.getAndSet(0);
    if (count > 0) {
      event.setExtra(extra, count);
      inBurst.set(false);
    }
  }

  /** Losses not yet carried by an event. */
  long unreported() {
    return unreported.get();
  }
}
