package io.github.panicwatch.core.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanicSelectorTest {
  private final PanicSelector defaults =
      new PanicSelector(List.of("FATAL", "PANIC"), null, Severity.INFO);

  @Test
  void eventWithPanicMarkerIsAPanicAtAnyLevel() {
    assertThat(defaults.select(Severity.DEBUG, true)).isEqualTo(Selection.PANIC);
  }

  @Test
  void errorWithoutMarkerIsOnlyABreadcrumbByDefault() {
    assertThat(defaults.select(Severity.ERROR, false)).isEqualTo(Selection.BREADCRUMB);
  }

  @Test
  void eventBelowMinimumBreadcrumbLevelIsIgnored() {
    assertThat(defaults.select(Severity.DEBUG, false)).isEqualTo(Selection.IGNORE);
    assertThat(defaults.select(Severity.INFO, false)).isEqualTo(Selection.BREADCRUMB);
  }

  @Test
  void minimumEventLevelMakesEveryEventFromThatLevelAPanic() {
    PanicSelector selector = new PanicSelector(List.of("FATAL"), Severity.ERROR, Severity.INFO);
    assertThat(selector.select(Severity.ERROR, false)).isEqualTo(Selection.PANIC);
    assertThat(selector.select(Severity.WARN, false)).isEqualTo(Selection.BREADCRUMB);
  }

  @Test
  void panicMarkerNamesAreMatchedExactly() {
    assertThat(defaults.isPanicMarker("FATAL")).isTrue();
    assertThat(defaults.isPanicMarker("PANIC")).isTrue();
    assertThat(defaults.isPanicMarker("fatal")).isFalse();
    assertThat(defaults.isPanicMarker("AUDIT")).isFalse();
  }

  @Test
  void offAsBreadcrumbLevelKeepsNoBreadcrumbs() {
    PanicSelector selector = new PanicSelector(List.of("FATAL"), null, Severity.OFF);
    assertThat(selector.select(Severity.ERROR, false)).isEqualTo(Selection.IGNORE);
  }

  @Test
  void levelNamesParseCaseInsensitivelyAndTyposAreRejected() {
    assertThat(Severity.parse("warn")).isEqualTo(Severity.WARN);
    assertThat(Severity.parse(" Info ")).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("INFOO")).isNull();
    assertThat(Severity.parse(null)).isNull();
  }

  @Test
  void aMarkerReferringToAPanicMarkerAtAnyDepthMakesAPanic() {
    Mark fatal = new Mark("FATAL");
    Mark payment = new Mark("PAYMENT", new Mark("BILLING", fatal));

    assertThat(defaults.select(new Event(Severity.INFO, false, payment), Severity.INFO, FACTS)).isEqualTo(Selection.PANIC);
    assertThat(defaults.select(new Event(Severity.INFO, false, new Mark("AUDIT")), Severity.INFO, FACTS))
        .isEqualTo(Selection.BREADCRUMB);
  }

  @Test
  void aCycleOfMarkersEndsTheWalkWithoutAPanic() {
    Mark first = new Mark("FIRST");
    Mark second = new Mark("SECOND", first);
    first.related.add(second);

    assertThat(defaults.select(new Event(Severity.WARN, false, first), Severity.WARN, FACTS)).isEqualTo(Selection.BREADCRUMB);
  }

  @Test
  void anEventTheFrameworkCallsFatalIsAPanicWithoutAnyMarker() {
    assertThat(defaults.select(new Event(Severity.FATAL, true), Severity.FATAL, FACTS)).isEqualTo(Selection.PANIC);
    assertThat(defaults.select(new Event(Severity.FATAL, false), Severity.FATAL, FACTS)).isEqualTo(Selection.BREADCRUMB);
  }

  /** A framework's event as an adapter would describe it. */
  private record Event(Severity level, boolean fatalLevel, Mark... markers) {}

  /** A framework's marker with the markers it refers to. */
  private static final class Mark {
    final String name;
    final List<Mark> related = new ArrayList<>();

    Mark(String name, Mark... related) {
      this.name = name;
      this.related.addAll(List.of(related));
    }
  }

  private static final EventFacts<Event, Mark> FACTS =
      new EventFacts<>() {
        @Override
        public Severity severity(Event event) {
          return event.level();
        }

        @Override
        public boolean isFatalLevel(Event event) {
          return event.fatalLevel();
        }

        @Override
        public int markerCount(Event event) {
          return event.markers().length;
        }

        @Override
        public Mark marker(Event event, int index) {
          return event.markers()[index];
        }

        @Override
        public String markerName(Mark marker) {
          return marker.name;
        }

        @Override
        public Iterable<Mark> relatedMarkers(Mark marker) {
          return marker.related.isEmpty() ? null : marker.related;
        }
      };
}
