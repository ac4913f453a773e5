package io.github.panicwatch.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The demo as a user runs it: the fat jar spring-boot-maven-plugin built, started with
 * {@code java -jar}, one request that fails, one that panics, then SIGTERM, as a container stop
 * sends it; then the outbox is read. One run, checked from several sides (issue 15).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SpringBootDemoIT {
  private static final String BEARER_TOKEN = "tok-9f8e7d6c5b4a39281706";

  private DemoProcess demo;
  private int exitCode;
  private int failedStatus;
  private int panicStatus;
  private String rawOutbox;
  private List<JsonNode> events;

  @BeforeAll
  void runTheDemoOnce() throws Exception {
    demo = new DemoProcess("--server.port=0");
    int port = demo.awaitPort(Duration.ofSeconds(90));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    failedStatus =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/0"))
                    .header("Authorization", "Bearer " + BEARER_TOKEN)
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
    panicStatus =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ledger/check"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();

    demo.terminate();
    exitCode = demo.awaitExit(Duration.ofSeconds(60));
    rawOutbox = demo.rawOutbox();
    events = demo.events();
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theFatJarRunsOnTheLogbackSpringBootChoseAndStopsOnSigterm() throws IOException {
    try (JarFile fatJar = new JarFile(DemoProcess.JAR.toFile())) {
      assertThat(fatJar.stream().map(entry -> entry.getName()))
          .as("Spring Boot's BOM, not panicwatch-parent, chose Logback")
          .anyMatch(name -> name.matches("BOOT-INF/lib/logback-classic-1\\.5\\.\\d+\\.jar"));
    }
    assertThat(exitCode).as("128 + SIGTERM; output %s", demo.output()).isEqualTo(143);
  }

  @Test
  void onlyThePanicLeavesTheProcessNotTheFailedRequest() {
    assertThat(failedStatus).isEqualTo(500);
    assertThat(panicStatus).isEqualTo(503);
    assertThat(events).as("outbox %s", rawOutbox).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("level").asText()).isEqualTo("fatal");
    assertThat(event.path("message").path("formatted").asText())
        .isEqualTo("ledger out of balance: expected 1250000 cents, found 1249990");
    assertThat(event.path("logger").asText()).isEqualTo(LedgerController.class.getName());
    assertThat(event.path("exception").path("values").get(0).path("type").asText())
        .isEqualTo("IllegalStateException");
    assertThat(event.path("tags").path("service").asText()).isEqualTo("ledger");
  }

  @Test
  void theReleaseIsTheFatJarsImplementationVersion() throws IOException {
    String manifestVersion;
    try (JarFile fatJar = new JarFile(DemoProcess.JAR.toFile())) {
      manifestVersion = fatJar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    assertThat(manifestVersion).isEqualTo(System.getProperty("demo.version"));
    assertThat(events.get(0).path("release").asText()).isEqualTo(manifestVersion);
    assertThat(events.get(0).path("environment").asText())
        .isEqualTo(manifestVersion.endsWith("-SNAPSHOT") ? "dev-oss" : "prod-oss");
    assertThat(events.get(0).path("tags").path("checksum").asText()).hasSize(64);
  }

  @Test
  void springsStartUpLinesAndTheFailedRequestAreAmongTheBreadcrumbs() {
    List<String> lines = new ArrayList<>();
    JsonNode failedRequest = null;
    for (JsonNode crumb : events.get(0).path("breadcrumbs")) {
      lines.add(crumb.path("level").asText() + " " + crumb.path("category").asText() + ": "
          + crumb.path("message").asText());
      if (crumb.path("message").asText().contains("no order 0")) {
        failedRequest = crumb;
      }
    }
    assertThat(lines)
        .anyMatch(line -> line.matches("info org\\.springframework\\.boot\\..*: Tomcat started on port \\d+.*"))
        .anyMatch(line -> line.matches("info " + Pattern.quote(LedgerApplication.class.getName())
            + ": Started LedgerApplication in .*"))
        .anyMatch(line -> line.startsWith("info " + LedgerController.class.getName() + ": order 0 requested"))
        .anyMatch(line -> line.startsWith("info " + LedgerController.class.getName() + ": charging card"));
    assertThat(failedRequest).as("the failed request's ERROR line among %s", lines).isNotNull();
    assertThat(failedRequest.path("level").asText()).isEqualTo("error");
  }

  @Test
  void nothingSecretIsInTheOutbox() {
    assertThat(rawOutbox)
        .doesNotContain(
            "s3cr3t-db-pass", BEARER_TOKEN, "4111 1111 1111 1111", "sk_live_ledger42", "127.0.0.1")
        .contains("ledger database at postgres://ledger:[Filtered]@db.internal:5432/ledger")
        .contains("Authorization: [Filtered]");
  }

  @Test
  void commitAndBranchComeFromTheFatJarsGitProperties() throws IOException {
    Properties git = new Properties();
    try (JarFile fatJar = new JarFile(DemoProcess.JAR.toFile())) {
      var entry = fatJar.getJarEntry("BOOT-INF/classes/git.properties");
      assumeTrue(entry != null, "built outside a git checkout: no git.properties, no commit tag to check");
      try (InputStream in = fatJar.getInputStream(entry)) {
        git.load(in);
      }
    }
    JsonNode tags = events.get(0).path("tags");
    assertThat(tags.path("commit").asText()).isEqualTo(git.getProperty("git.commit.id"));
    String branch = git.getProperty("git.branch");
    if (branch.equals("HEAD") || branch.equals(git.getProperty("git.commit.id"))) {
      assertThat(tags.has("branch")).as("a detached HEAD is no branch").isFalse();
    } else {
      assertThat(tags.path("branch").asText()).isEqualTo(branch);
    }
  }
}
