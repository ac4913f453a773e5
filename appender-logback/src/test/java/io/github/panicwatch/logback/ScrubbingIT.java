package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.testing.SentryReceiver;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * Secrets of every kind, in every field of a real panic, against what a receiver on 127.0.0.1
 * got; and the scrub corpus (core's test resource) logged line by line, checked on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScrubbingIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** One of each kind; each must vanish from the bytes sent. */
  private static final List<String> SECRETS =
      List.of(
          "kv-secret-7",
          "10.9.8.7",
          "2001:db8::9",
          "bt0ken-12345678",
          "ui-secret-9",
          "4111111111111111",
          "carol@example.org",
          "eyJzdWIiOiI5OTkifQ",
          "AKIAIOSFODNN7EXAMPLE",
          "ghp_abcdefghij1234567890ABCDEFGHIJ098765",
          "xoxb-999999999999-zyxwvutsrqpo",
          "/home/dave/",
          "PEMSECRETBODY");

  private static final String ALL_KINDS =
      "password=kv-secret-7 from 10.9.8.7 and 2001:db8::9 sent Bearer bt0ken-12345678 to"
          + " https://u:ui-secret-9@h.example card 4111111111111111 mail carol@example.org jwt"
          + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI5OTkifQ.sigSIG_99 aws AKIAIOSFODNN7EXAMPLE gh"
          + " ghp_abcdefghij1234567890ABCDEFGHIJ098765 slack xoxb-999999999999-zyxwvutsrqpo path"
          + " /home/dave/app key -----BEGIN PRIVATE KEY-----\nPEMSECRETBODY\n-----END PRIVATE KEY-----";

  private final SentryReceiver receiver = SentryReceiver.start();
  private final LoggerContext context = new LoggerContext();

  {
    context.setMDCAdapter(MDC.getMDCAdapter());
  }

  private void start(int maxBreadcrumbs, Tag... tags) {
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(receiver.dsn());
    appender.setCaptureUncaught("false");
    appender.setMaxBreadcrumbs(String.valueOf(maxBreadcrumbs));
    for (Tag tag : tags) {
      appender.addTag(tag);
    }
    appender.start();
    assertThat(appender.isStarted()).isTrue();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @AfterEach
  void tearDown() {
    context.stop();
    receiver.close();
    MDC.clear();
  }

  @Test
  void noSecretOfAnyKindInAnyFieldReachesTheReceiver() {
    start(100, new Tag("note", ALL_KINDS.replace('\n', ' ')), new Tag("db_password", "tag-key-secret"));
    MDC.put("note", ALL_KINDS);
    MDC.put("api_key", "mdc-key-secret");
    Logger log = context.getLogger("app." + ALL_KINDS.replace('\n', ' '));
    log.info("breadcrumb " + ALL_KINDS);
    IllegalStateException failure =
        new IllegalStateException("outer " + ALL_KINDS, new RuntimeException("cause " + ALL_KINDS));
    failure.addSuppressed(new IllegalArgumentException("suppressed " + ALL_KINDS));
    String thread = Thread.currentThread().getName();
    Thread.currentThread().setName("worker " + ALL_KINDS.replace('\n', ' '));
    try {
      log.error(MarkerFactory.getMarker("FATAL"), "panic " + ALL_KINDS, failure);
    } finally {
      Thread.currentThread().setName(thread);
    }
    context.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    String sent = new String(receiver.allRawBytes(), StandardCharsets.UTF_8);
    assertThat(sent).doesNotContain(SECRETS).doesNotContain("mdc-key-secret", "tag-key-secret");
    // the fields were there, scrubbed, not dropped
    List<String> values = new ArrayList<>();
    event.path("exception").path("values").forEach(e -> values.add(e.path("value").asText()));
    assertThat(values)
        .anyMatch(v -> v.startsWith("outer password=[Filtered]"))
        .anyMatch(v -> v.startsWith("cause password=[Filtered]"))
        .anyMatch(v -> v.startsWith("suppressed password=[Filtered]"));
    assertThat(event.path("message").path("formatted").asText()).startsWith("panic password=[Filtered] from [Filtered]");
    assertThat(event.path("logger").asText()).startsWith("app.password=[Filtered]");
    assertThat(event.path("extra").path("thread_name").asText()).isEqualTo("[Filtered]"); // an extra naming a password
    assertThat(event.path("breadcrumbs").get(0).path("message").asText()).startsWith("breadcrumb password=[Filtered]");
    // a map value of one line that names a password goes whole (Relay's rule for pairs); one of
    // several lines is text
    assertThat(event.path("contexts").path("MDC").path("note").asText()).startsWith("password=[Filtered]");
    assertThat(event.path("tags").path("note").asText()).isEqualTo("[Filtered]");
  }

  @Test
  void everyProviderTokenInEveryFieldOfAPanicGoesAndItsLookAlikeArrives() throws Exception {
    List<String[]> samples = tokenSamples();
    StringBuilder tokens = new StringBuilder();
    StringBuilder lookAlikes = new StringBuilder();
    for (String[] sample : samples) {
      tokens.append(' ').append(sample[1]);
      lookAlikes.append(' ').append(sample[3]);
    }
    start(10, new Tag("upstream", tokens.toString().trim()));
    MDC.put("upstream", tokens.toString());
    MDC.put("lookAlikes", lookAlikes.toString());
    Logger log = context.getLogger("app.tokens");
    log.info("calling with" + tokens);
    log.info("near misses" + lookAlikes);
    log.error(
        MarkerFactory.getMarker("FATAL"),
        "call failed with" + tokens,
        new IllegalStateException("rejected" + tokens, new RuntimeException("cause" + tokens)));
    context.stop();

    JsonNode event = receiver.awaitEvents(1, WAIT).get(0);
    // every field, decoded (JSON escapes would hide a token from a search of the raw bytes), less
    // the look-alikes, some of which hold a token and one char more
    String decoded = event.toString();
    for (String[] sample : samples) {
      decoded = decoded.replace(sample[3], "");
    }
    for (String[] sample : samples) {
      assertThat(decoded).as(sample[0]).doesNotContain(secretPart(sample[1], sample[2]));
    }
    String expected = tokens.toString();
    for (String[] sample : samples) {
      expected = expected.replace(sample[1], sample[2]);
    }
    assertThat(event.path("message").path("formatted").asText()).isEqualTo("call failed with" + expected);
    // a breadcrumb's message is cut to 1024 characters before scrubbing, after its last whole
    // word: a token is never cut in two (its first half would no longer be known as a token)
    assertThat("calling with" + tokens).hasSizeGreaterThan(1024);
    assertThat("near misses" + lookAlikes).hasSizeGreaterThan(1024);
    assertWholeWordsThenMark(event.path("breadcrumbs").get(0).path("message").asText(), "calling with" + expected);
    assertWholeWordsThenMark(event.path("breadcrumbs").get(1).path("message").asText(), "near misses" + lookAlikes);
    assertThat(event.path("contexts").path("MDC").path("upstream").asText()).isEqualTo(expected);
    assertThat(event.path("contexts").path("MDC").path("lookAlikes").asText()).isEqualTo(lookAlikes.toString());
    assertThat(event.path("tags").path("upstream").asText()).isEqualTo(expected.trim());
    List<String> values = new ArrayList<>();
    event.path("exception").path("values").forEach(e -> values.add(e.path("value").asText()));
    assertThat(values).containsExactlyInAnyOrder("rejected" + expected, "cause" + expected);
  }

  /** A breadcrumb's message cut at the cap: the (scrubbed) whole text's start, up to the end of a word, and the mark. */
  private static void assertWholeWordsThenMark(String message, String whole) {
    assertThat(message).hasSizeLessThanOrEqualTo(1024).endsWith(" " + Scrubber.TRUNCATION_MARK);
    assertThat(whole).startsWith(message.substring(0, message.length() - Scrubber.TRUNCATION_MARK.length()));
  }

  /** What of a token must not arrive: all of it, or what follows the part its scrubbed form keeps. */
  private static String secretPart(String token, String scrubbed) {
    int kept = scrubbed.indexOf("[Filtered]");
    return token.substring(kept);
  }

  /** The rows of core's token samples: rule, token, the token scrubbed, a look-alike. */
  private static List<String[]> tokenSamples() throws Exception {
    return rows("/io/github/panicwatch/core/scrub/token-samples.tsv");
  }

  @Test
  void everyCorpusLineLoggedAsABreadcrumbArrivesScrubbedOrUnchanged() throws Exception {
    List<String[]> corpus = corpus();
    start(corpus.size() + 10);
    Logger log = context.getLogger("app.corpus");
    for (String[] row : corpus) {
      log.info(row[0]);
    }
    log.error(MarkerFactory.getMarker("FATAL"), "corpus done");
    context.stop();

    JsonNode crumbs = receiver.awaitEvents(1, WAIT).get(0).path("breadcrumbs");
    assertThat(crumbs).hasSize(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      String[] row = corpus.get(i);
      String arrived = crumbs.get(i).path("message").asText();
      if (row[1].equals("=")) {
        assertThat(arrived).as("negative %s", row[0]).isEqualTo(row[0]);
      } else {
        assertThat(arrived).as("case %s", row[0]).doesNotContain(row[1]).contains("[Filtered]");
        if (row.length > 2) {
          assertThat(arrived).as("case %s", row[0]).contains(row[2].replace("\\n", "\n"));
        }
      }
    }
  }

  /** The rows of core's scrub corpus: input, what must disappear ("=" for none), what must stay. */
  private static List<String[]> corpus() throws Exception {
    return rows("/io/github/panicwatch/core/scrub/scrub-corpus.tsv");
  }

  private static List<String[]> rows(String resource) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(ScrubbingIT.class.getResourceAsStream(resource));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] columns = line.split("\t", -1);
          columns[0] = columns[0].replace("\\n", "\n");
          rows.add(columns);
        }
      }
    }
    return rows;
  }
}
