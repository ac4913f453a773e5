package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.FrameworkVersion;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * The Log4j2 this run of the integration tests is on is the one it claims to test: the build runs
 * them on the Log4j2 the adapter is built against and again on the 2.25.x line Spring Boot pins
 * (execution {@code log4j2-2.25} in this module's pom).
 */
class Log4j2VersionIT {
  @Test
  void apiAndCoreAreTheExpectedVersion() {
    FrameworkVersion.assertLoadedFrom(LogManager.class, "log4j-api");
    FrameworkVersion.assertLoadedFrom(LoggerContext.class, "log4j-core");
  }
}
