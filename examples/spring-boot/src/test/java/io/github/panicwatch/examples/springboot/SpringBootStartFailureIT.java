package io.github.panicwatch.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A service that cannot start, the crash loop of a container platform: Spring Boot reports it at
 * ERROR and exits with 1, which no uncaught-exception handler sees; the demo's {@code main} logs it
 * with the FATAL marker, and it arrives with Spring's own failure report among its breadcrumbs.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SpringBootStartFailureIT {
  @Test
  void aServiceThatCannotStartReportsOnePanicWithSpringsFailureReportAsBreadcrumb() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DemoProcess demo = new DemoProcess("--server.port=" + taken.getLocalPort())) {
      assertThat(demo.awaitExit(Duration.ofSeconds(90))).as("output %s", demo.output()).isEqualTo(1);

      List<JsonNode> events = demo.events();
      assertThat(events).hasSize(1);
      JsonNode event = events.get(0);
      assertThat(event.path("message").path("formatted").asText()).isEqualTo("ledger failed to start");
      List<String> types = new ArrayList<>();
      event.path("exception").path("values").forEach(exception -> types.add(exception.path("type").asText()));
      assertThat(types).contains("PortInUseException");
      List<String> crumbs = new ArrayList<>();
      event.path("breadcrumbs").forEach(crumb -> crumbs.add(crumb.path("level").asText() + " " + crumb.path("message").asText()));
      assertThat(crumbs).anyMatch(line -> line.startsWith("error") && line.contains("APPLICATION FAILED TO START"));
    }
  }
}
