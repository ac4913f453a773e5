package io.github.panicwatch.logback;

import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.SentryLogbackOptionScenarios;

/** sentry-logback's options through a logback.xml, end to end (issue 15). */
class PanicAppenderSentryLogbackOptionsIT extends SentryLogbackOptionScenarios {
  @Override
  protected AppenderHarness harness() {
    return new LogbackHarness();
  }
}
