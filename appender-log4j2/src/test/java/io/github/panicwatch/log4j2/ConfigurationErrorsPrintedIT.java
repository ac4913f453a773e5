package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a user with a typo in {@code log4j2.xml} sees Panicwatch's error without raising the
 * {@code status} level. A real child JVM configures Log4j2 the ordinary way, from the file; Log4j2
 * prints its status logger's errors on stderr by default.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class ConfigurationErrorsPrintedIT {
  @TempDir Path dir;

  @Test
  void aTypoIsPrintedByDefaultAndTheServiceLogsOn() throws Exception {
    String output = runChild("maxBreadcrumbs=\"ten\"");

    assertThat(output)
        .contains("ERROR Panicwatch [PANIC]: Invalid maxBreadcrumbs [ten]: not an integer")
        .contains("ERROR Panicwatch [PANIC]: not started: fix the configuration errors above")
        .contains("CONSOLE service started");
  }

  @Test
  void aCleanConfigurationPrintsNoStatusAtAll() throws Exception {
    String output = runChild("maxBreadcrumbs=\"10\"");

    assertThat(output.strip()).isEqualTo("CONSOLE service started");
  }

  /** Runs {@link LoggingChild} with a log4j2.xml holding {@code attribute} on the Panicwatch appender. */
  private String runChild(String attribute) throws IOException, InterruptedException {
    Path config = dir.resolve("log4j2.xml");
    Files.writeString(
        config,
        "<Configuration>\n"
            + "  <Appenders>\n"
            + "    <Panicwatch name=\"PANIC\" outbox=\"" + dir.resolve("outbox.jsonl") + "\" captureUncaught=\"false\" "
            + attribute + "/>\n"
            + "    <Console name=\"CONSOLE\"><PatternLayout pattern=\"CONSOLE %m%n\"/></Console>\n"
            + "  </Appenders>\n"
            + "  <Loggers><Root level=\"INFO\"><AppenderRef ref=\"PANIC\"/><AppenderRef ref=\"CONSOLE\"/></Root></Loggers>\n"
            + "</Configuration>\n",
        StandardCharsets.UTF_8);
    ChildJvm.Result result =
        ChildJvm.run(LoggingChild.class, List.of("log4j2.configurationFile=" + config), List.of(), Duration.ofSeconds(60));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
