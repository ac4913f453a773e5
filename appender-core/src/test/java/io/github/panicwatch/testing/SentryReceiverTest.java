package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SentryReceiverTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SentryReceiver receiver = SentryReceiver.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private SentryClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    receiver.close();
  }

  @Test
  void decodesTheMessageAndExceptionOfAnEventSentByTheSdk() {
    sendWithSdk("checkout failed", new IllegalStateException("pool exhausted"));

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);

    assertThat(event.path("message").path("message").asText()).isEqualTo("checkout failed");
    JsonNode exception = event.path("exception").path("values").path(0);
    assertThat(exception.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exception.path("module").asText()).isEqualTo("java.lang");
    assertThat(exception.path("value").asText()).isEqualTo("pool exhausted");
  }

  @Test
  void recordsTheSdkRequestHeadersWithThePublicKey() {
    sendWithSdk("checkout failed", new IllegalStateException("pool exhausted"));

    ReceivedEnvelope envelope = receiver.awaitEnvelope(WAIT);

    // the DSN's own path of this receiver, then Sentry's
    assertThat(envelope.path()).matches("/r[0-9a-f]{16}/api/42/envelope/");
    assertThat(receiver.lastHeaders().get("X-Sentry-Auth"))
        .startsWith("Sentry sentry_version=7,")
        .contains("sentry_client=sentry.java/", "sentry_key=" + SentryReceiver.PUBLIC_KEY);
    assertThat(receiver.lastHeaders()).containsEntry("Content-Encoding", "gzip");
    assertThat(envelope.header().path("event_id").asText()).hasSize(32);
  }

  @Test
  void keepsTheGunzippedBytesOfEveryRequest() {
    sendWithSdk("the secret is hunter2", new IllegalStateException("pool exhausted"));
    receiver.awaitEvents(1, WAIT);

    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8))
        .contains("the secret is hunter2");
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void readsAnItemWithoutLengthUpToTheNextNewline() throws Exception {
    String envelope = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n"
        + "{\"type\":\"event\"}\n"
        + "{\"message\":{\"message\":\"no length\"}}\n"
        + "{\"type\":\"attachment\",\"length\":5}\n"
        + "a\nb\nc\n";

    int status = post("/api/42/envelope/", envelope);

    assertThat(status).isEqualTo(200);
    List<ReceivedEnvelope.Item> items = receiver.awaitEnvelope(WAIT).items();
    assertThat(items).extracting(ReceivedEnvelope.Item::type).containsExactly("event", "attachment");
    assertThat(items.get(0).json().path("message").path("message").asText()).isEqualTo("no length");
    assertThat(items.get(1).text()).isEqualTo("a\nb\nc");
  }

  @Test
  void answersWithTheStatusAndHeadersSetByRespondWith() throws Exception {
    receiver.respondWith(429, Map.of("Retry-After", "60"));

    HttpResponse<String> response = http.send(
        envelopeRequest("/api/42/envelope/", "{}\n{\"type\":\"event\"}\n{}\n"),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(receiver.envelopes()).hasSize(1);
  }

  @Test
  void rejectsAPostOutsideTheEnvelopeEndpoint() throws Exception {
    int status = post("/api/42/store/", "{}\n");

    assertThat(status).isEqualTo(404);
    assertThat(receiver.requestCount()).isEqualTo(1);
    assertThat(receiver.envelopes()).isEmpty();
  }

  @Test
  void failsTheWaitWhenFewerEventsArrive() {
    sendWithSdk("only one", new IllegalStateException("pool exhausted"));

    assertThatThrownBy(() -> receiver.awaitEvents(2, Duration.ofMillis(500)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 event(s), got 1");
  }

  private static final String EVENT_ENVELOPE =
      "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"event\"}\n{\"message\":\"x\"}\n";

  @Test
  void whenDownConnectionsAreRefusedAndWhenHealthyTheSamePortAnswersAgain() throws Exception {
    receiver.down();
    assertThatThrownBy(() -> post("/api/42/envelope/", EVENT_ENVELOPE)).isInstanceOf(java.io.IOException.class);
    receiver.healthy();
    assertThat(post("/api/42/envelope/", EVENT_ENVELOPE)).isEqualTo(200);
    assertThat(receiver.acceptedEvents()).hasSize(1);
  }

  @Test
  void onlyEnvelopesAnsweredWithA2xxAreAccepted() throws Exception {
    receiver.respondWith(429, Map.of("Retry-After", "1"));
    HttpResponse<Void> refused =
        http.send(envelopeRequest("/api/42/envelope/", EVENT_ENVELOPE), HttpResponse.BodyHandlers.discarding());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    receiver.healthy();
    post("/api/42/envelope/", EVENT_ENVELOPE);
    assertThat(receiver.envelopes()).hasSize(2);
    assertThat(receiver.acceptedEvents()).hasSize(1);
  }

  @Test
  void aBlackholedRequestGetsNoAnswerUntilTheReceiverIsHealthy() throws Exception {
    receiver.blackhole();
    var pending =
        http.sendAsync(envelopeRequest("/api/42/envelope/", EVENT_ENVELOPE), HttpResponse.BodyHandlers.discarding());
    receiver.awaitRequests(1, WAIT);
    assertThat(pending).isNotDone();
    receiver.healthy();
    assertThat(pending).failsWithin(WAIT);
    assertThat(receiver.acceptedEvents()).isEmpty();
    assertThat(post("/api/42/envelope/", EVENT_ENVELOPE)).isEqualTo(200);
  }

  private void sendWithSdk(String message, Throwable throwable) {
    SentryOptions options = new SentryOptions();
    options.setDsn(receiver.dsn());
    // a bare client with no server name shuts down the SDK's shared HostnameCache on close
    options.setAttachServerName(false);
    client = new SentryClient(options);
    SentryEvent event = new SentryEvent(throwable);
    Message text = new Message();
    text.setMessage(message);
    event.setMessage(text);
    client.captureEvent(event);
    client.flush(WAIT.toMillis());
  }

  private int post(String path, String body) throws Exception {
    return http.send(envelopeRequest(path, body), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpRequest envelopeRequest(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
        .header("Content-Type", "application/x-sentry-envelope")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
