package io.github.panicwatch.core.select;

/**
 * What an adapter says about one event of its framework, and nothing more: its level, whether the
 * framework itself calls it fatal, and its markers. {@link PanicSelector} decides from these; no
 * adapter decides what is a panic (issue 14). Implementations read the event and allocate nothing
 * for an event without markers: this runs on every log call.
 *
 * @param <E> the framework's event
 * @param <M> the framework's marker
 */
public interface EventFacts<E, M> {

  /** The event's level in the core's terms. */
  Severity severity(E event);

  /**
   * True when the framework itself calls the event fatal: Log4j2's {@code FATAL} level. Logback has
   * no such level, so never there.
   */
  boolean isFatalLevel(E event);

  /** How many markers the event carries directly (0 for none). */
  int markerCount(E event);

  /** The event's {@code index}th marker, {@code 0 <= index < markerCount(event)}. */
  M marker(E event, int index);

  String markerName(M marker);

  /**
   * The markers {@code marker} refers to, whose names count as its own: Logback's references,
   * Log4j2's parents; {@code null} when it has none.
   */
  Iterable<M> relatedMarkers(M marker);
}
