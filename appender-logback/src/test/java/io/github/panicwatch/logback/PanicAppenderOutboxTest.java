package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

/** Without a DSN, every panic is one JSON line in the outbox: the event as it would be sent. */
class PanicAppenderOutboxTest {
  @TempDir Path dir;
  private final LoggerContext context = new LoggerContext();
  private final Logger log = context.getLogger("app");

  {
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
  }

  private Path startWithoutDsn() {
    Path outbox = dir.resolve("outbox.jsonl");
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setOutbox(outbox.toString());
    appender.setCaptureUncaught("false");
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return outbox;
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void eachPanicIsOneScrubbedJsonLineOfTheSentryEvent() throws Exception {
    Path outbox = startWithoutDsn();
    log.info("login password=hunter2");
    log.error(MarkerFactory.getMarker("FATAL"), "first panic", new IllegalStateException("bad"));
    log.error(MarkerFactory.getMarker("PANIC"), "second panic");
    context.stop();

    List<String> lines = Files.readAllLines(outbox, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.path("level").asText()).isEqualTo("fatal");
    assertThat(first.path("message").path("formatted").asText()).isEqualTo("first panic");
    assertThat(first.path("exception").path("values").get(0).path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(first.path("breadcrumbs").get(0).path("message").asText()).isEqualTo("login password=[Filtered]");
    assertThat(first.path("environment").asText()).isEqualTo("dev-oss");
    assertThat(first.path("release").asText()).isEqualTo("unknown");
    assertThat(json.readTree(lines.get(1)).path("message").path("formatted").asText()).isEqualTo("second panic");
    assertThat(String.join("\n", lines)).doesNotContain("hunter2");
  }

  @Test
  void noOutboxFileExistsUntilAPanicHappens() {
    Path outbox = startWithoutDsn();
    log.info("an ordinary line");
    log.error("an ordinary error");
    context.stop();
    assertThat(outbox).doesNotExist();
  }

  @Test
  void theStatusSaysWhereEventsGo() {
    Path outbox = startWithoutDsn();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anyMatch(
            status -> status.getMessage().startsWith(
                "Panicwatch [PANIC]: reports panics to the outbox " + outbox + " (no DSN configured)"));
  }
}
