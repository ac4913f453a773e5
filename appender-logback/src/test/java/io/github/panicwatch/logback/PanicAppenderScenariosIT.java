package io.github.panicwatch.logback;

import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.AppenderScenarios;

/** The scenarios every adapter shares, on Logback. */
class PanicAppenderScenariosIT extends AppenderScenarios {
  @Override
  protected AppenderHarness harness() {
    return new LogbackHarness();
  }
}
