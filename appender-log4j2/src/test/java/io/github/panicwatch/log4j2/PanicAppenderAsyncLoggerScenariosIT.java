package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.AppenderScenarios;

/** The scenarios every adapter shares, on Log4j2 with AsyncLoggers (an AsyncLoggerContext). */
class PanicAppenderAsyncLoggerScenariosIT extends AppenderScenarios {
  @Override
  protected AppenderHarness harness() {
    return new Log4j2Harness(Log4j2Harness.Setup.ASYNC_LOGGER);
  }
}
