package io.github.panicwatch.logback;

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
 * Issue 19: a user with a typo in {@code logback.xml} sees Panicwatch's error without {@code
 * debug="true"}. A real child JVM configures Logback the ordinary way, from the file, through
 * SLF4J; Logback prints its status list on stdout by itself because an ERROR is in it.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class ConfigurationErrorsPrintedIT {
  @TempDir Path dir;

  @Test
  void aTypoIsPrintedWithoutDebugAndTheServiceLogsOn() throws Exception {
    String output = runChild("<maxBreadcrumbs>ten</maxBreadcrumbs>");

    assertThat(output)
        .contains("|-ERROR in io.github.panicwatch.logback.PanicAppender[PANIC] - Panicwatch [PANIC]: Invalid maxBreadcrumbs [ten]: not an integer")
        .contains("|-ERROR in io.github.panicwatch.logback.PanicAppender[PANIC] - Panicwatch [PANIC]: not started: fix the configuration errors above")
        .contains("CONSOLE service started");
  }

  @Test
  void aCleanConfigurationPrintsNoStatusAtAll() throws Exception {
    String output = runChild("<maxBreadcrumbs>10</maxBreadcrumbs>");

    assertThat(output).doesNotContain("|-").contains("CONSOLE service started");
  }

  /** Runs {@link LoggingChild} with a logback.xml holding {@code option} in the Panicwatch appender. */
  private String runChild(String option) throws IOException, InterruptedException {
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        "<configuration>\n"
            + "  <appender name=\"PANIC\" class=\"io.github.panicwatch.logback.PanicAppender\">\n"
            + "    <outbox>" + dir.resolve("outbox.jsonl") + "</outbox>\n"
            + "    <captureUncaught>false</captureUncaught>\n"
            + "    " + option + "\n"
            + "  </appender>\n"
            + "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>CONSOLE %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"INFO\"><appender-ref ref=\"PANIC\"/><appender-ref ref=\"CONSOLE\"/></root>\n"
            + "</configuration>\n",
        StandardCharsets.UTF_8);
    ChildJvm.Result result =
        ChildJvm.run(LoggingChild.class, List.of("logback.configurationFile=" + config), List.of(), Duration.ofSeconds(60));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
