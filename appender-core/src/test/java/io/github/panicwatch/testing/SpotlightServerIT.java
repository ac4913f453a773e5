package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SpotlightServerIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final SpotlightServer spotlight = SpotlightServer.start();
  private final SentryClient client = newClient(spotlight.dsn());

  @AfterEach
  void tearDown() {
    client.close();
    spotlight.close();
  }

  @Test
  void receivesThreeEventsSentInARowBySdk() {
    // three in a row: with a kept-alive socket every second envelope got a 400
    send("first", new IllegalStateException("one"));
    send("second", new IllegalArgumentException("two"));
    send("third", new UnsupportedOperationException("three"));

    List<JsonNode> events = spotlight.awaitEvents(3, WAIT);

    assertThat(events).extracting(event -> event.path("message").path("message").asText())
        .containsExactly("first", "second", "third");
    assertThat(events)
        .extracting(event -> event.path("exception").path("values").path(0).path("type").asText())
        .containsExactly("IllegalStateException", "IllegalArgumentException",
            "UnsupportedOperationException");
  }

  @Test
  void clearDropsTheEventsReceivedBefore() {
    send("before clear", new IllegalStateException("one"));
    spotlight.awaitEvents(1, WAIT);

    spotlight.clear();
    send("after clear", new IllegalStateException("two"));

    assertThat(spotlight.awaitEvents(1, WAIT))
        .extracting(event -> event.path("message").path("message").asText())
        .containsExactly("after clear");
  }

  private void send(String message, Throwable throwable) {
    SentryEvent event = new SentryEvent(throwable);
    Message text = new Message();
    text.setMessage(message);
    event.setMessage(text);
    client.captureEvent(event);
    client.flush(WAIT.toMillis());
  }

  private static SentryClient newClient(String dsn) {
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn);
    // a bare client with no server name shuts down the SDK's shared HostnameCache on close
    options.setAttachServerName(false);
    return new SentryClient(options);
  }
}
