package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.EventReader;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.EventFacts;
import io.github.panicwatch.core.select.Severity;

/**
 * An adapter's translation of its framework's events: the facts the selector decides on, and the
 * two things only the adapter knows how to do, which the core's one append path ({@link
 * Panicwatch#append}) calls once it has decided. Logback keeps its events whole in the ring; Log4j2,
 * whose events are reused, copies what it needs.
 *
 * @param <E> the framework's event
 * @param <M> the framework's marker
 */
public interface FrameworkEvents<E, M> extends EventFacts<E, M> {

  /** Puts {@code event}, which the selector made a breadcrumb, into {@code ring}; on every log call. */
  void writeBreadcrumb(E event, Severity level, BreadcrumbRing ring);

  /** {@code event}, which the selector made a panic, as the core's neutral record, copied now. */
  PanicRecord panic(E event, Severity level);

  /**
   * Reads the events {@link #writeBreadcrumb} keeps whole in the ring ({@link BreadcrumbRing#keep});
   * {@code null} when it copies each line into one of the ring's slots ({@link
   * BreadcrumbRing#claim}) instead. The engine makes the ring that matches.
   */
  default EventReader reader() {
    return null;
  }
}
