package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void readsLogbacksUnitsSingularOrPlural() {
    assertThat(DurationText.parseMillis("1 hour")).isEqualTo(3_600_000L);
    assertThat(DurationText.parseMillis("30 minutes")).isEqualTo(1_800_000L);
    assertThat(DurationText.parseMillis("2.5 seconds")).isEqualTo(2_500L);
    assertThat(DurationText.parseMillis("500 milliseconds")).isEqualTo(500L);
    assertThat(DurationText.parseMillis("2 days")).isEqualTo(172_800_000L);
    assertThat(DurationText.parseMillis(" 1 Hour ")).isEqualTo(3_600_000L);
  }

  @Test
  void aBareNumberIsMilliseconds() {
    assertThat(DurationText.parseMillis("1500")).isEqualTo(1500L);
  }

  @Test
  void anythingElseIsMinusOne() {
    assertThat(DurationText.parseMillis(null)).isEqualTo(-1);
    assertThat(DurationText.parseMillis("soon")).isEqualTo(-1);
    assertThat(DurationText.parseMillis("1 fortnight")).isEqualTo(-1);
    assertThat(DurationText.parseMillis("-1 hour")).isEqualTo(-1);
  }
}
