package io.github.panicwatch.core.select;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a log event is a panic, a breadcrumb, or nothing. A panic is an event that carries
 * one of the panic markers (by default {@code FATAL} or {@code PANIC}) or, when a
 * {@code minimumEventLevel} is configured, any event at or above it. Adapters walk their own marker
 * structures and ask {@link #isPanicMarker(String)} for each name; everything else is decided here.
 */
public final class PanicSelector {

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
   * @param level the event's level
   * @param carriesPanicMarker whether the adapter found a panic marker on the event (or the
   *     framework itself calls the event fatal, as Log4j2's FATAL level does)
   */
  public Selection select(Severity level, boolean carriesPanicMarker) {
    if (carriesPanicMarker || level.isAtLeast(minimumEventLevel)) {
      return Selection.PANIC;
    }
    return level.isAtLeast(minimumBreadcrumbLevel) ? Selection.BREADCRUMB : Selection.IGNORE;
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
