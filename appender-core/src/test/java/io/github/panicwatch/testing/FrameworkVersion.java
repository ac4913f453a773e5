package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Which version of a logging framework a test run is really on. The adapters' builds run their
 * integration tests a second time with the framework swapped for the line Spring Boot pins (issue
 * 15); each run checks with this that its class path holds the framework it names, so a class path
 * mix-up cannot make the second run quietly test the first one's framework again.
 */
public final class FrameworkVersion {
  /** The system property each failsafe execution sets to the version it puts on the class path. */
  public static final String EXPECTED_PROPERTY = "panicwatch.expectedFrameworkVersion";

  private FrameworkVersion() {}

  /**
   * Asserts that {@code type} was loaded from {@code <artifactId>-<expected version>.jar}.
   *
   * @param artifactId the framework's jar, e.g. {@code logback-classic}
   */
  public static void assertLoadedFrom(Class<?> type, String artifactId) {
    String expected = System.getProperty(EXPECTED_PROPERTY);
    assertThat(expected).as("system property %s, set by the pom", EXPECTED_PROPERTY).isNotBlank();
    assertThat(jarOf(type)).as("the jar %s came from", type.getName())
        .isEqualTo(artifactId + "-" + expected + ".jar");
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
