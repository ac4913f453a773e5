package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.panicwatch.core.scrub.KeyRule;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.ValueRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MarkerFactory;

/** The {@code <scrub>} element bound by Joran, its rules applied to a panic in the outbox. */
class ScrubConfigurationTest {
  private static final String HASH_KEY = "a-hash-key-for-the-test";

  @TempDir Path dir;

  private LogbackFixture configure(String variant) throws Exception {
    return new LogbackFixture(
        ScrubConfigurationTest.class,
        variant,
        Map.of("outbox", outbox().toString(), "hashKey", HASH_KEY));
  }

  private Path outbox() {
    return dir.resolve("outbox.jsonl");
  }

  @Test
  void keyRulesValueRulesSwitchesAndTheHashKeyAreBoundAndTheAppenderStarts() throws Exception {
    try (LogbackFixture logback = configure("rules")) {
      assertThat(logback.errors()).isEmpty();
      assertThat(logback.appender().isStarted()).isTrue();
      ScrubOptions scrub = logback.appender().getOptions().scrub();
      assertThat(scrub.getKeys()).containsExactly("pin");
      assertThat(scrub.getDisabled()).containsExactly("home", "slack", "jwt");
      assertThat(scrub.getHashKey()).isEqualTo(HASH_KEY);
      assertThat(scrub.getKeyRules()).extracting(KeyRule::getName, KeyRule::getKeys, KeyRule::getReplacement)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("customer", List.of("customer"), "mask"));
      assertThat(scrub.getValueRules())
          .extracting(ValueRule::getName, ValueRule::getPattern, ValueRule::getReplacement)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("email", null, "hash"),
              org.assertj.core.groups.Tuple.tuple("ticket", "TICKET-\\d{4}", "remove"));
    }
  }

  @Test
  void theConfiguredRulesShapeThePanicInTheOutbox() throws Exception {
    try (LogbackFixture logback = configure("rules")) {
      logback.context.getLogger("app").error(
          MarkerFactory.getMarker("FATAL"),
          "pin=1234 customer_id=77 by bob@example.com for TICKET-4242 in /home/alice/x password=hunter2");
      logback.context.stop();

      List<String> lines = Files.readAllLines(outbox(), StandardCharsets.UTF_8);
      JsonNode event = new ObjectMapper().readTree(lines.get(0));
      assertThat(event.path("message").path("formatted").asText())
          .matches(
              "pin=\\[Filtered\\] customer_id=\\*\\*\\*\\* by \\[hash:[0-9a-f]{16}\\] for  in"
                  + " /home/alice/x password=\\[Filtered\\]");
    }
  }

  @Test
  void aValuePatternThatDoesNotCompileIsAnErrorAndTheAppenderStaysStopped() throws Exception {
    try (LogbackFixture logback = configure("bad-value-pattern")) {
      assertThat(logback.appender().isStarted()).isFalse();
      assertThat(logback.errors())
          .contains(
              "Panicwatch [PANIC]: Invalid pattern of value rule [ticket] [TICKET-(\\d+]: Unclosed group near index 11",
              "Panicwatch [PANIC]: not started: fix the configuration errors above");
      logback.context.getLogger("app").error(MarkerFactory.getMarker("FATAL"), "not sent");
    }
    assertThat(outbox()).as("after the stop's flush").doesNotExist();
  }

  @Test
  void theHashReplacementWithAnUndefinedKeyIsAnError() throws Exception {
    try (LogbackFixture logback = configure("hash-without-key")) {
      assertThat(logback.appender().isStarted()).isFalse();
      // the variable names itself: what Logback made of it never counts as a key
      assertThat(logback.errors())
          .containsExactly(
              "Panicwatch [PANIC]: Invalid scrub.hashKey: the variable [PANICWATCH_TEST_HASH_KEY_NEVER_SET] is"
                  + " undefined; write ${PANICWATCH_TEST_HASH_KEY_NEVER_SET:-} where it may be unset",
              "Panicwatch [PANIC]: not started: fix the configuration errors above");
    }
  }
}
