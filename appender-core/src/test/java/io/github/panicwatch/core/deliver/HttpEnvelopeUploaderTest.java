package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.panicwatch.testing.ForwardProxy;
import io.github.panicwatch.testing.SentryReceiver;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The uploader through a {@link ForwardProxy} on 127.0.0.1 that asks for Basic credentials (issue
 * 15): the credentials go to that proxy, once per attempt, and to nothing else; a refusal is a
 * status code the sender can tell apart, for plain http and for an https tunnel alike.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpEnvelopeUploaderTest {
  private final SentryReceiver receiver = SentryReceiver.start();
  private final ForwardProxy proxy = ForwardProxy.requiring("panicwatch", "pr0xy-pass");

  @AfterEach
  void close() {
    receiver.close();
    proxy.close();
  }

  private int upload(String dsn, String pass) throws IOException {
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn);
    options.setProxy(new SentryOptions.Proxy("127.0.0.1", Integer.toString(proxy.port()), "panicwatch", pass));
    HttpEnvelopeUploader uploader = new HttpEnvelopeUploader(options);
    try {
      return uploader.upload(SentryEnvelope.from(options.getSerializer(), new SentryEvent(), null));
    } finally {
      uploader.close();
    }
  }

  @Test
  void postsThroughTheProxyGivingTheCredentialsWhenItAsksForThem() throws IOException {
    assertThat(upload(receiver.dsn(), "pr0xy-pass")).isEqualTo(200);

    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::credentials, ForwardProxy.Seen::refusedWith)
        .containsExactly(tuple(null, 407), tuple("panicwatch:pr0xy-pass", 0));
    assertThat(receiver.requestCount()).isEqualTo(1);
  }

  @Test
  void aProxyThatRefusesTheCredentialsAnswers407AfterOneTry() throws IOException {
    assertThat(upload(receiver.dsn(), "wrong")).isEqualTo(407);

    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::credentials).containsExactly(null, "panicwatch:wrong");
    assertThat(receiver.requestCount()).isZero();
  }

  /** A server that asks for a login (whatever the DSN points at) must not phish the proxy's password. */
  @Test
  void aServerThatAsksForALoginNeverGetsTheProxysCredentials() throws IOException {
    receiver.respondWith(401, Map.of("WWW-Authenticate", "Basic realm=\"sentry\""));

    assertThat(upload(receiver.dsn(), "pr0xy-pass")).isEqualTo(401);

    assertThat(receiver.requestCount()).isEqualTo(1);
    assertThat(receiver.lastHeaders()).doesNotContainKeys("Authorization", "Proxy-Authorization");
  }

  /**
   * For https the JDK asks the proxy for a tunnel ({@code CONNECT}) and, by its default
   * {@code jdk.http.auth.tunneling.disabledSchemes=Basic}, never answers a Basic challenge there: the
   * refusal comes back as the proxy's 407, not as an unexplained connection failure.
   */
  @Test
  void anHttpsTunnelTheProxyRefusesIsItsStatusCode() throws IOException {
    assertThat(upload("https://" + SentryReceiver.PUBLIC_KEY + "@127.0.0.1:9/42", "pr0xy-pass")).isEqualTo(407);

    assertThat(proxy.seen()).extracting(ForwardProxy.Seen::method, ForwardProxy.Seen::target)
        .first().isEqualTo(tuple("CONNECT", "127.0.0.1:9"));
  }
}
