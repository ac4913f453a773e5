package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.testing.SpotlightServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MarkerFactory;

/** End to end against Sentry's own local receiver, Spotlight, as a developer would run it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PanicAppenderSpotlightIT {
  private final SpotlightServer spotlight = SpotlightServer.start();
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void tearDown() {
    context.stop();
    spotlight.close();
  }

  @Test
  void panicsReachSpotlightWithTheirBreadcrumbsAndNoSecrets() {
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(spotlight.dsn());
    appender.setRelease("2.4.1");
    appender.addTag(new Tag("service", "alpha"));
    appender.setCaptureUncaught("false");
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    Logger log = context.getLogger("app");

    log.info("login user=alice password=hunter2 from 10.1.2.3");
    for (int i = 1; i <= 3; i++) {
      log.error(MarkerFactory.getMarker("FATAL"), "panic number {}", i, new IllegalStateException("state " + i));
    }
    context.stop();

    List<JsonNode> events = spotlight.awaitEvents(3, Duration.ofSeconds(30));
    assertThat(events)
        .extracting(event -> event.path("message").path("formatted").asText())
        .containsExactly("panic number 1", "panic number 2", "panic number 3");
    JsonNode first = events.get(0);
    assertThat(first.path("level").asText()).isEqualTo("fatal");
    assertThat(first.path("environment").asText()).isEqualTo("prod-oss");
    assertThat(first.path("tags").path("service").asText()).isEqualTo("alpha");
    assertThat(first.path("breadcrumbs").get(0).path("message").asText())
        .isEqualTo("login user=alice password=[Filtered] from [Filtered]");
    assertThat(events.toString()).doesNotContain("hunter2", "10.1.2.3");
  }
}
