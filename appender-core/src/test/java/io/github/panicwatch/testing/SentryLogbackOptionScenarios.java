package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.select.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options a user brings from sentry-logback, by its names (issue 15), each end to end: written
 * into the adapter's configuration as a user writes it, a panic logged, and the event decoded at a
 * {@link SentryReceiver} on 127.0.0.1 (through a {@link ForwardProxy} for {@code proxy}). Each
 * adapter's tests extend this with a {@link #harness()} over its framework.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SentryLogbackOptionScenarios {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PROXY_USER = "panicwatch";
  private static final String PROXY_PASS = "pr0xy-s3cret-pass";

  protected final SentryReceiver receiver = SentryReceiver.start();
  private AppenderHarness harness;
  private ForwardProxy proxy;
  @TempDir protected Path dir;

  /** A fresh harness over the adapter's framework; called once per test, before it runs. */
  protected abstract AppenderHarness harness();

  @BeforeEach
  void createHarness() {
    harness = harness();
  }

  @AfterEach
  void tearDown() {
    try {
      harness.stop();
    } finally {
      harness.clearContext();
      receiver.close();
      if (proxy != null) {
        proxy.close();
      }
    }
  }

  private void start(Map<String, String> options) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("dsn", receiver.dsn());
    all.put("cacheDirPath", dir.resolve("spool").toString()); // see AppenderScenarios
    all.put("captureUncaught", "false");
    all.putAll(options);
    harness.start(all, Map.of());
  }

  private JsonNode onePanic() {
    harness.log("app.orders", Severity.ERROR, "FATAL", "ledger corrupt", new IllegalStateException("checksum mismatch"));
    harness.stop();
    return receiver.awaitEvents(1, WAIT).get(0);
  }

  @Test
  void serverNameAndDistAreOnEveryEvent() {
    start(Map.of("serverName", "ledger-7", "dist", "b42.x86_64"));
    JsonNode event = onePanic();
    assertThat(event.path("server_name").asText()).isEqualTo("ledger-7");
    assertThat(event.path("dist").asText()).isEqualTo("b42.x86_64");
  }

  @Test
  void inAppIncludeAndExcludeMarkTheFramesOfTheException() {
    // repeatable: two excludes (Logback: two elements; Log4j2: one comma-separated attribute)
    start(Map.of("inAppInclude", "io.github.panicwatch.testing", "inAppExclude", "org.junit, jdk.internal"));
    JsonNode event = onePanic();

    Map<String, List<String>> marks = new LinkedHashMap<>();
    for (JsonNode frame : event.at("/exception/values/0/stacktrace/frames")) {
      String module = frame.path("module").asText();
      String mark = frame.has("in_app") ? frame.path("in_app").asText() : "unset";
      marks.computeIfAbsent(mark, key -> new ArrayList<>()).add(module);
    }
    assertThat(marks.get("true")).isNotEmpty().allMatch(module -> module.startsWith("io.github.panicwatch.testing"));
    assertThat(marks.get("false")).isNotEmpty().allMatch(module -> module.startsWith("org.junit") || module.startsWith("jdk.internal"))
        .anyMatch(module -> module.startsWith("org.junit"));
    assertThat(marks.getOrDefault("unset", List.of()))
        .noneMatch(module -> module.startsWith("io.github.panicwatch.testing") || module.startsWith("org.junit"));
  }

  @Test
  void contextTagsBecomeTagsScrubbedAsEveryTagAndLeaveTheMdcContext() {
    start(Map.of("contextTag", "request_id, session_id"));
    harness.putContext("request_id", "r-7");
    harness.putContext("session_id", "sess-secret-value");
    harness.putContext("tenant", "acme");
    JsonNode event = onePanic();

    assertThat(event.at("/tags/request_id").asText()).isEqualTo("r-7");
    assertThat(event.at("/tags/session_id").asText()).isEqualTo("[Filtered]"); // a sensitive key, as every tag
    JsonNode mdc = event.at("/contexts/MDC");
    assertThat(mdc.path("tenant").asText()).isEqualTo("acme");
    assertThat(mdc.has("request_id")).isFalse();
    assertThat(mdc.has("session_id")).isFalse();
    assertThat(new String(receiver.allRawBytes(), StandardCharsets.UTF_8)).doesNotContain("sess-secret-value");
  }

  @Test
  void debugGivesTheSdksDiagnosticLinesAsStatusLinesScrubbedAsTheEvent() {
    start(Map.of("debug", "true"));
    harness.log("app", Severity.INFO, null, "login password=hunter2");
    JsonNode event = onePanic();

    List<String> sdkLines = harness.statusLines().stream().filter(line -> line.contains(": Sentry SDK: ")).toList();
    assertThat(sdkLines).anyMatch(line -> line.startsWith("INFO ") && line.contains(event.path("event_id").asText()));
    assertThat(String.join("\n", sdkLines)).doesNotContain("hunter2", SentryReceiver.PUBLIC_KEY);
  }

  @Test
  void withoutDebugTheSdkSaysNothingBelowAWarning() {
    start(Map.of());
    onePanic();
    assertThat(harness.statusLines()).noneMatch(line -> line.startsWith("INFO ") && line.contains(": Sentry SDK: "));
  }

  @Test
  void aProxyThatAsksForCredentialsCarriesThePanicToSentryAndNoLineShowsThePassword() {
    proxy = ForwardProxy.requiring(PROXY_USER, PROXY_PASS);
    start(proxyOptions(PROXY_PASS));
    JsonNode event = onePanic();

    assertThat(event.path("message").path("formatted").asText()).isEqualTo("ledger corrupt");
    assertThat(proxy.forwarded()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.target()).startsWith("http://127.0.0.1:" + receiver.port() + "/");
      assertThat(request.credentials()).isEqualTo(PROXY_USER + ":" + PROXY_PASS);
    });
    assertThat(receiver.lastHeaders()).doesNotContainKeys("Authorization", "Proxy-Authorization");
    assertThat(harness.statusLines())
        .anyMatch(line -> line.contains("through the proxy 127.0.0.1:" + proxy.port() + " as " + PROXY_USER))
        .noneMatch(line -> line.contains(PROXY_PASS));
  }

  @Test
  void aProxyThatRefusesTheCredentialsKeepsThePanicSpooledAndSaysSoOnce() throws IOException {
    proxy = ForwardProxy.requiring(PROXY_USER, PROXY_PASS);
    start(proxyOptions("not-the-pass"));
    harness.log("app.orders", Severity.ERROR, "FATAL", "ledger corrupt");
    harness.stop(); // waits for one attempt

    assertThat(receiver.requestCount()).isZero();
    assertThat(proxy.seen()).isNotEmpty().allMatch(request -> request.refusedWith() == 407);
    // the password was offered once per attempt, never retried in a loop
    assertThat(proxy.seen().stream().filter(request -> request.credentials() != null).count())
        .isLessThanOrEqualTo(proxy.seen().stream().filter(request -> request.credentials() == null).count());
    assertThat(harness.statusLines())
        .filteredOn(line -> line.contains("the proxy refused the credentials with HTTP 407"))
        .singleElement().asString().startsWith("ERROR ").contains("check proxy.user and proxy.pass");
    assertThat(harness.statusLines()).noneMatch(line -> line.contains("not-the-pass"));
    try (Stream<Path> files = Files.walk(dir.resolve("spool"))) {
      assertThat(files.filter(file -> file.toString().endsWith(".envelope"))).hasSize(1);
    }
  }

  private Map<String, String> proxyOptions(String pass) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("flushTimeoutMillis", "5000");
    options.put("proxy.host", "127.0.0.1");
    options.put("proxy.port", Integer.toString(proxy.port()));
    options.put("proxy.user", PROXY_USER);
    options.put("proxy.pass", pass);
    return options;
  }
}
