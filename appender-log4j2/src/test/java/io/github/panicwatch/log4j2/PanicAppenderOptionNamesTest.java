package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAliases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <Panicwatch>}'s attributes are bound from the core's declarations, not from fields of its
 * own: every option Logback users get is an attribute of the same name here, with no change to
 * this adapter when an option is declared (issue 14). Checked through Log4j2 itself, which would
 * report an attribute nobody took.
 */
class PanicAppenderOptionNamesTest {
  @TempDir Path dir;

  /** Valid values for the options without a default; the others take their default's text. */
  private Map<String, String> valuesWithoutDefault() {
    return Map.ofEntries(
        Map.entry("dsn", "http://key@127.0.0.1:9/42"),
        Map.entry("outbox", dir.resolve("outbox.jsonl").toString()),
        Map.entry("release", "2.4.1"),
        Map.entry("environment", "staging"),
        Map.entry("minimumEventLevel", "ERROR"),
        Map.entry("enableSentry", "true"),
        Map.entry("cacheDirPath", dir.resolve("spool").toString()),
        Map.entry("serverName", "ledger-7"),
        Map.entry("dist", "b42"),
        Map.entry("inAppInclude", "com.example"),
        Map.entry("inAppExclude", "com.example.generated"),
        Map.entry("contextTag", "request_id"));
  }

  @Test
  void everyDeclaredOptionIsAnAttributeStoredUnderItsOwnDeclaration() throws Exception {
    StringBuilder attributes = new StringBuilder();
    for (Option<?> option : PanicwatchOptions.declared()) {
      String value = option.defaultText() != null ? option.defaultText() : valuesWithoutDefault().get(option.name());
      assertThat(value).as("a valid value for " + option.name() + " in this test").isNotNull();
      attributes.append(' ').append(option.name()).append("=\"").append(value).append('"');
    }
    Path file = dir.resolve("log4j2.xml");
    Files.writeString(
        file,
        "<Configuration><Appenders><Panicwatch name=\"PANIC\"" + attributes + "/></Appenders><Loggers><Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/></Root></Loggers></Configuration>",
        StandardCharsets.UTF_8);
    try (Log4j2Fixture log4j2 = new Log4j2Fixture(file)) {
      assertThat(log4j2.messages(Level.ERROR)).isEmpty(); // an attribute nobody took would be one
      PanicwatchOptions options = log4j2.appender().getOptions();
      for (Option<?> option : PanicwatchOptions.declared()) {
        List<String> expected =
            option.defaultText() != null
                ? (option.isRepeatable() ? List.of(option.defaultText().split(",\\s*")) : List.of(option.defaultText()))
                : List.of(valuesWithoutDefault().get(option.name()));
        assertThat(options.texts(option)).as(option.name()).isEqualTo(expected);
      }
    }
  }

  @Test
  void theNestedElementsAreOnePluginUnderTheCoresElementNames() {
    List<String> pluginNames = new ArrayList<>(List.of(PanicwatchElement.class.getAnnotation(Plugin.class).name()));
    pluginNames.addAll(List.of(PanicwatchElement.class.getAnnotation(PluginAliases.class).value()));
    List<String> elementNames = new ArrayList<>(OptionTables.APPENDER.elementNames());
    elementNames.addAll(OptionTables.SCRUB.elementNames());
    assertThat(pluginNames).map(name -> OptionTables.APPENDER.elementTable(name)).doesNotContainNull();
    assertThat(pluginNames).map(name -> name.toLowerCase(Locale.ROOT))
        .containsExactlyInAnyOrderElementsOf(elementNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
  }
}
