package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.option.UnresolvedVariables;
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
  void anUndefinedVariableDecidesAsMalformedAndKeepsReportingOff() {
    EnableSentry.Decision decision =
        EnableSentry.resolve(
            "${ENABLE_SENTRY}", NONE, map(Map.of("enableSentry", "true")), NONE, UnresolvedVariables.PLACEHOLDER);
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.malformed()).isTrue();
    assertThat(decision.problem())
        .isEqualTo(
            "Invalid enableSentry: the variable [ENABLE_SENTRY] is undefined; write ${ENABLE_SENTRY:-} where it"
                + " may be unset (in the appender's enableSentry setting); Panicwatch stays off");
  }

  @Test
  void malformedValueTurnsReportingOffAndIsFlagged() {
    EnableSentry.Decision decision = EnableSentry.resolve("yes please", NONE, NONE, NONE);
    assertThat(decision.enabled()).isFalse();
    assertThat(decision.malformed()).isTrue();
  }
}
