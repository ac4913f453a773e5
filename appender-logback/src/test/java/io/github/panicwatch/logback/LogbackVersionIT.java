package io.github.panicwatch.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import io.github.panicwatch.testing.FrameworkVersion;
import org.junit.jupiter.api.Test;

/**
 * The Logback this run of the integration tests is on is the one it claims to test: the build runs
 * them on the Logback the adapter is built against and again on the 1.5.x line Spring Boot pins
 * (execution {@code logback-1.5} in this module's pom).
 */
class LogbackVersionIT {
  @Test
  void classicAndCoreAreTheExpectedVersion() {
    FrameworkVersion.assertLoadedFrom(LoggerContext.class, "logback-classic");
    FrameworkVersion.assertLoadedFrom(Context.class, "logback-core");
  }
}
