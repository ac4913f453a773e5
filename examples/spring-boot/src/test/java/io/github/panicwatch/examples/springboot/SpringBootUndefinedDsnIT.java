package io.github.panicwatch.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The configuration most {@code sentry-logback} users bring, {@code <dsn>${SENTRY_DSN}</dsn>}, on a
 * machine without {@code SENTRY_DSN}: Spring Boot refuses to start on any Logback ERROR status, so
 * an undefined variable in the DSN must be a warning meaning "no DSN" (issue 15). The fat jar boots
 * on such a {@code logback-spring.xml}, serves, and its panic lands in the outbox.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SpringBootUndefinedDsnIT {
  private static final String CONFIGURATION =
      """
      <configuration>
        <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
        <include resource="org/springframework/boot/logging/logback/console-appender.xml"/>
        <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
          <dsn>${SENTRY_DSN}</dsn>
          <tag><name>service</name><value>ledger</value></tag>
        </appender>
        <root level="INFO"><appender-ref ref="CONSOLE"/><appender-ref ref="PANIC"/></root>
      </configuration>
      """;

  @TempDir Path dir;

  @Test
  void anUndefinedSentryDsnStartsTheServiceWithTheOutboxAndAWarning() throws Exception {
    Path configuration = dir.resolve("logback-spring.xml");
    Files.writeString(configuration, CONFIGURATION, StandardCharsets.UTF_8);
    try (DemoProcess demo = new DemoProcess("--server.port=0", "--logging.config=" + configuration)) {
      int port = demo.awaitPort(Duration.ofSeconds(90));
      int panicStatus =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ledger/check"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      demo.terminate();
      assertThat(demo.awaitExit(Duration.ofSeconds(60))).as("output %s", demo.output()).isEqualTo(143);

      assertThat(panicStatus).isEqualTo(503);
      List<JsonNode> events = demo.events();
      Path outbox = demo.workDir().toRealPath().resolve("panicwatch-outbox.jsonl");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).path("tags").path("service").asText()).isEqualTo("ledger");
      assertThat(demo.output())
          .noneMatch(line -> line.contains("Logback configuration error"))
          .anyMatch(line -> line.contains("WARN")
              && line.contains("Panicwatch [PANIC]: the dsn names the variable [SENTRY_DSN], which is undefined:"
                  + " there is no DSN, so panics go to the outbox [" + outbox));
    }
  }
}
