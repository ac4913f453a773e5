package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.testing.ConfigurationCases;
import io.github.panicwatch.testing.ConfigurationCases.Case;
import io.github.panicwatch.testing.ConfigurationCases.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 through real {@code log4j2.xml} files: every case of {@link ConfigurationCases}, each
 * option an attribute of {@code <Panicwatch>}, gives the same status lines as in Logback, the
 * appender is built or not as the case says, and the application keeps logging through its other
 * appender either way.
 */
class PanicAppenderConfigurationErrorsTest {
  @TempDir Path dir;

  static Stream<Case> cases() {
    return ConfigurationCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadValueIsAnErrorStatusNamingTheOptionAndTheValue(Case testCase) throws Exception {
    Path file = dir.resolve("log4j2.xml");
    Files.writeString(file, ConfigurationCases.log4j2Xml(testCase, dir), StandardCharsets.UTF_8);
    try (Log4j2Fixture log4j2 = new Log4j2Fixture(file)) {
      assertThat(log4j2.messages(Level.ERROR).stream().filter(m -> m.startsWith("Panicwatch [")))
          .containsExactlyElementsOf(testCase.errors());
      assertThat(log4j2.messages(Level.WARN).stream().filter(m -> m.startsWith("Panicwatch [")))
          .containsExactlyElementsOf(ConfigurationCases.expected(testCase.warnings(), dir));
      PanicAppender appender = log4j2.appender();
      assertThat(appender != null).isEqualTo(testCase.outcome() != Outcome.NOT_STARTED);
      assertThat(appender != null && appender.panicwatch() != null).isEqualTo(testCase.outcome() == Outcome.REPORTING);
      Logger log = log4j2.context.getLogger("app");
      log.info("still logging");
      log.error("and failing");
      log4j2.context.stop();
      assertThat(Files.readAllLines(dir.resolve("app.log"))).containsExactly("still logging", "and failing");
    }
  }
}
