package io.github.panicwatch.core.select;

import static org.assertj.core.api.Assertions.assertThat;

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
}
