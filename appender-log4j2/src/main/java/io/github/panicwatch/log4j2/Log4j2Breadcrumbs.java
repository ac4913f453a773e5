package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbSlot;
import io.github.panicwatch.core.select.Severity;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

/**
 * Writes a Log4j2 event as a breadcrumb without garbage (issue 17), so Panicwatch keeps the promise
 * of Log4j2's garbage-free mode: the line is copied at the call into the calling thread's next slot
 * of a {@link BreadcrumbRing#ofSlots ring of slots}, its message formatted into the slot's own text
 * buffer through {@code StringBuilderFormattable} and its context data copied entry by entry. The
 * event, its message, its parameters and its context map are reused by Log4j2 once {@code append}
 * returns; only their values (and immutable Strings) stay.
 */
final class Log4j2Breadcrumbs {
  /** A constant, so the copy captures nothing and allocates nothing. */
  private static final TriConsumer<String, Object, BreadcrumbSlot> INTO_SLOT =
      (key, value, slot) -> slot.putContext(key, value instanceof String text ? text : String.valueOf(value));

  private Log4j2Breadcrumbs() {}

  /** Copies the event into the ring. Never waits; a line whose slot another writer holds is lost. */
  static void write(BreadcrumbRing ring, LogEvent event, Severity level) {
    BreadcrumbSlot slot = ring.claim();
    if (slot == null) {
      return; // the ring keeps no lines, or another writer holds this slot right now
    }
    boolean written = false;
    try {
      slot.line(Log4j2Events.epochNanos(event), level, event.getLoggerName(), event.getThreadName());
      Log4j2Events.formatInto(event.getMessage(), slot.text());
      ReadOnlyStringMap context = event.getContextData();
      if (context != null && !context.isEmpty()) {
        context.forEach(INTO_SLOT, slot);
      }
      written = true;
    } finally {
      // a slot is always given back, or no writer could use it again
      if (written) {
        slot.publish();
      } else {
        slot.discard();
      }
    }
  }
}
