package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.testing.ConfigurationCases;
import io.github.panicwatch.testing.ConfigurationCases.Case;
import io.github.panicwatch.testing.ConfigurationCases.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 for the watcher: reading the very {@code logback.xml} and {@code log4j2.xml} the
 * appenders' tests read, every case of {@link ConfigurationCases} gives the same error lines as the
 * appender would, and the watcher reports only where the appender would have started; otherwise
 * the command runs unwatched.
 */
class WatchCommandConfigurationErrorsTest {
  @TempDir Path dir;

  static Stream<Case> cases() {
    return ConfigurationCases.all().stream();
  }

  @ParameterizedTest(name = "logback.xml {0}")
  @MethodSource("cases")
  void readingALogbackXmlGivesTheAppendersWords(Case testCase) throws Exception {
    check(testCase, ConfigurationCases.logbackXml(testCase, dir));
  }

  @ParameterizedTest(name = "log4j2.xml {0}")
  @MethodSource("cases")
  void readingALog4j2XmlGivesTheAppendersWords(Case testCase) throws Exception {
    check(testCase, ConfigurationCases.log4j2Xml(testCase, dir));
  }

  private void check(Case testCase, String configuration) throws Exception {
    Path file = dir.resolve("config.xml");
    Files.writeString(file, configuration, StandardCharsets.UTF_8);
    List<String> errors = new CopyOnWriteArrayList<>();
    List<String> warnings = new CopyOnWriteArrayList<>();
    StatusSink status =
        new StatusSink() {
          @Override
          public void info(String message) {}

          @Override
          public void warn(String message, Throwable cause) {
            warnings.add(message);
          }

          @Override
          public void error(String message, Throwable cause) {
            errors.add(message);
          }
        };

    AppenderStartup startup =
        WatchCommand.reportingStartup(WatchArguments.parse(new String[] {"--config", file.toString(), "--", "true"}), status);

    assertThat(errors.stream().filter(m -> m.startsWith("Panicwatch ["))).containsExactlyElementsOf(testCase.errors());
    assertThat(warnings.stream().filter(m -> m.startsWith("Panicwatch [")))
        .containsExactlyElementsOf(ConfigurationCases.expected(testCase.warnings(), dir));
    assertThat(startup != null).isEqualTo(testCase.outcome() == Outcome.REPORTING);
    if (testCase.outcome() == Outcome.NOT_STARTED) {
      assertThat(errors).last().isEqualTo("not reporting: the command runs unwatched");
    }
  }
}
