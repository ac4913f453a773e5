package io.github.panicwatch.core.select;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a log event is a panic, a breadcrumb, or nothing; the only place that does. A
 * panic is an event that carries one of the panic markers (by default {@code FATAL} or {@code
 * PANIC}), directly or as a marker its markers refer to; an event the framework itself calls fatal
 * (Log4j2's {@code FATAL} level); or, when a {@code minimumEventLevel} is configured, any event at
 * or above it. Adapters only describe their events ({@link EventFacts}).
 */
public final class PanicSelector {
  /** References of references: deep enough for any real marker graph, and a stop for cycles. */
  private static final int MAX_MARKER_DEPTH = 8;

  private final Set<String> panicMarkers;
  private final Severity minimumEventLevel;
  private final Severity minimumBreadcrumbLevel;

  /**
   * @param panicMarkers marker names that make an event a panic, compared case-sensitively as
   *     SLF4J and Log4j2 compare marker names
   * @param minimumEventLevel level from which every event is a panic; {@code null} or OFF for none
   * @param minimumBreadcrumbLevel level from which a non-panic event becomes a breadcrumb
   */
  public PanicSelector(
      List<String> panicMarkers, Severity minimumEventLevel, Severity minimumBreadcrumbLevel) {
    this.panicMarkers = Set.copyOf(panicMarkers);
    this.minimumEventLevel = minimumEventLevel == null ? Severity.OFF : minimumEventLevel;
    this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
  }

  /** True when a marker of this name makes an event a panic. */
  public boolean isPanicMarker(String markerName) {
    return panicMarkers.contains(markerName);
  }

  /**
   * What happens to {@code event}, as {@code facts} describe it.
   *
   * @param level the event's level, {@code facts.severity(event)}, which the caller has at hand
   */
  public <E, M> Selection select(E event, Severity level, EventFacts<E, M> facts) {
    return select(level, facts.isFatalLevel(event) || carriesPanicMarker(event, facts));
  }

  /**
   * @param level the event's level
   * @param panic whether the event carries a panic marker or the framework calls it fatal
   */
  public Selection select(Severity level, boolean panic) {
    if (panic || level.isAtLeast(minimumEventLevel)) {
      return Selection.PANIC;
    }
    return level.isAtLeast(minimumBreadcrumbLevel) ? Selection.BREADCRUMB : Selection.IGNORE;
  }

  private <E, M> boolean carriesPanicMarker(E event, EventFacts<E, M> facts) {
    int count = facts.markerCount(event);
    for (int i = 0; i < count; i++) {
      if (isPanicMarker(facts.marker(event, i), facts, 0)) {
        return true;
      }
    }
    return false;
  }

  private <M> boolean isPanicMarker(M marker, EventFacts<?, M> facts, int depth) {
    if (marker == null || depth > MAX_MARKER_DEPTH) {
      return false;
    }
    if (isPanicMarker(facts.markerName(marker))) {
      return true;
    }
    Iterable<M> related = facts.relatedMarkers(marker);
    if (related != null) {
      for (M next : related) {
        if (isPanicMarker(next, facts, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "panic markers "
        + panicMarkers.stream().sorted().collect(Collectors.joining(", "))
        + (minimumEventLevel == Severity.OFF
            ? ""
            : ", every event from " + minimumEventLevel.name().toLowerCase(Locale.ROOT));
  }
}
