package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Logback a run of the integration tests is on is the one it claims to test: the build runs
 * them on the Logback this adapter is built against and again on the 1.5.x line Spring Boot pins
 * (appender-logback's pom, execution {@code logback-1.5}); a class path mix-up would make the
 * second run test the first one's Logback again.
 */
class LogbackVersionIT {
  @Test
  void classicAndCoreAreTheExpectedVersion() throws Exception {
    String expected = System.getProperty("panicwatch.expectedLogbackVersion");
    assertThat(expected).as("system property panicwatch.expectedLogbackVersion, set by the pom").isNotBlank();

    assertThat(jarOf(LoggerContext.class)).isEqualTo("logback-classic-" + expected + ".jar");
    assertThat(jarOf(Context.class)).isEqualTo("logback-core-" + expected + ".jar");
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
  }
}
