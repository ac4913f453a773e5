package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnableSentryTest {
  private static Function<String, String> map(Map<String, String> values) {
    return values::get;
  }

  private static final Function<String, String> NONE = key -> null;

  @Test
  void defaultIsOn() {
    EnableSentry.Decision decision = EnableSentry.resolve(null, NONE, NONE, NONE);
    assertThat(decision.enabled()).isTrue();
    assertThat(decision.source()).isEqualTo("the default");
  }

  @Test
  void appenderSettingWinsOverEverythingElse() {
    EnableSentry.Decision decision =
        EnableSentry.resolve(
            "false",
            map(Map.of("enableSentry", "true")),
            map(Map.of("enableSentry", "true")),
            map(Map.of("ENABLE_SENTRY", "true")));
    assertThat(decision.enabled()).isFalse();
  }

  @Test
  void contextPropertyWinsOverSystemPropertyAndEnvironment() {
    EnableSentry.Decision decision =
        EnableSentry.resolve(
            null,
            map(Map.of("enableSentry", "false")),
            map(Map.of("enableSentry", "true")),
            map(Map.of("ENABLE_SENTRY", "true")));
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.source()).contains("context property");
  }

  @Test
  void systemPropertyWinsOverEnvironment() {
    EnableSentry.Decision decision =
        EnableSentry.resolve(null, NONE, map(Map.of("enableSentry", "false")), map(Map.of("ENABLE_SENTRY", "true")));
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.source()).contains("system property");
  }

  @Test
  void environmentVariableIsTheLastSource() {
    EnableSentry.Decision decision = EnableSentry.resolve(null, NONE, NONE, map(Map.of("ENABLE_SENTRY", "FALSE")));
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.source()).contains("ENABLE_SENTRY");
  }

  @Test
  void logbackUndefinedPlaceholderCountsAsUnset() {
    EnableSentry.Decision decision =
        EnableSentry.resolve("ENABLE_SENTRY_IS_UNDEFINED", NONE, map(Map.of("enableSentry", "false")), NONE);
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.source()).contains("system property");
  }

  @Test
  void malformedValueTurnsReportingOffAndIsFlagged() {
    EnableSentry.Decision decision = EnableSentry.resolve("yes please", NONE, NONE, NONE);
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.malformed()).isTrue();
  }
}
