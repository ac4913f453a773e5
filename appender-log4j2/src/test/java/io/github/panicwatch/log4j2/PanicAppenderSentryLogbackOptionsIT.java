package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.SentryLogbackOptionScenarios;

/** sentry-logback's options as attributes and elements of {@code <Panicwatch>} in a log4j2 configuration, end to end (issue 15). */
class PanicAppenderSentryLogbackOptionsIT extends SentryLogbackOptionScenarios {
  @Override
  protected AppenderHarness harness() {
    return new Log4j2Harness(Log4j2Harness.Setup.SYNCHRONOUS);
  }
}
