package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.github.panicwatch.testing.ConfigurationCases;
import io.github.panicwatch.testing.ConfigurationCases.Case;
import io.github.panicwatch.testing.ConfigurationCases.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 through real {@code logback.xml} files: every option with a value of the wrong type, out
 * of range, empty, or an undefined {@code ${VAR}} gives exactly the status lines of {@link
 * ConfigurationCases} (and its warnings: an undefined variable in the DSN means no DSN), the
 * appender starts or not as the case says, and the application keeps
 * logging through its other appender either way.
 */
class PanicAppenderConfigurationErrorsTest {
  @TempDir Path dir;

  static Stream<Case> cases() {
    return ConfigurationCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadValueIsAnErrorStatusNamingTheOptionAndTheValue(Case testCase) throws Exception {
    Path file = dir.resolve("logback.xml");
    Files.writeString(file, ConfigurationCases.logbackXml(testCase, dir), StandardCharsets.UTF_8);
    try (LogbackFixture logback = new LogbackFixture(file)) {
      assertThat(logback.errors().stream().filter(m -> m.startsWith("Panicwatch ["))).containsExactlyElementsOf(testCase.errors());
      assertThat(logback.statusMessages(Status.WARN).stream().filter(m -> m.startsWith("Panicwatch [")))
          .containsExactlyElementsOf(ConfigurationCases.expected(testCase.warnings(), dir));
      PanicAppender appender = logback.appender();
      assertThat(appender.isStarted()).isEqualTo(testCase.outcome() != Outcome.NOT_STARTED);
      assertThat(appender.panicwatch() != null).isEqualTo(testCase.outcome() == Outcome.REPORTING);
      org.slf4j.Logger log = logback.context.getLogger("app");
      log.info("still logging");
      log.error("and failing");
      @SuppressWarnings("unchecked")
      ListAppender<ILoggingEvent> list =
          (ListAppender<ILoggingEvent>) logback.context.getLogger("ROOT").getAppender("LIST");
      assertThat(list.list).extracting(ILoggingEvent::getMessage).containsExactly("still logging", "and failing");
    }
  }

  @Test
  void everyDeclaredOptionHasACaseOfEachKind() {
    List<String> paths = ConfigurationCases.all().stream().map(Case::path).toList();
    assertThat(paths).containsAll(ConfigurationCases.declaredOptions());
  }

  /**
   * Logback writes an undefined variable as {@code NAME_IS_UNDEFINED}, alone or inside a text; the
   * adapter reads the name back from it, and nothing else.
   */
  @Test
  void logbacksUndefinedSuffixNamesTheVariable() {
    assertThat(PanicAppender.UNDEFINED_VARIABLES.find("SENTRY_DSN_IS_UNDEFINED")).isEqualTo("SENTRY_DSN");
    assertThat(PanicAppender.UNDEFINED_VARIABLES.find("/var/log/app.version_IS_UNDEFINED.log")).isEqualTo("app.version");
    assertThat(PanicAppender.UNDEFINED_VARIABLES.find("https://key@host/42")).isNull();
  }
}
