package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider rule against its sample tokens ({@code token-samples.tsv}) in every position a
 * token takes in text, and against look-alikes that must stay. Map values, exception messages and
 * breadcrumbs are in {@link EventScrubberTest}; the wire in appender-logback's ScrubbingIT.
 */
class TokenRulesTest {

  /** Where a token stands: no key word anywhere, so only the value rule can catch it. */
  private static final List<String> POSITIONS =
      List.of(
          "%s",
          "upstream refused %s today",
          "{\"value\":\"%s\",\"n\":1}",
          "{\\\"value\\\":\\\"%s\\\"}",
          "https://api.example.com/v1/items?q=1&k=%s&n=2",
          "X_UPSTREAM=%s ./run.sh",
          "--upstream %s --verbose",
          "(%s)",
          "['%s']",
          "<%s>",
          "line one\n%s\nline three",
          "Caused by: java.lang.IllegalStateException: rejected %s");

  private final Scrubber scrubber = Scrubber.compile(new ScrubOptions());

  static Stream<Arguments> samplesInPositions() {
    List<Arguments> all = new ArrayList<>();
    for (TokenSamples.Sample sample : TokenSamples.all()) {
      for (String position : POSITIONS) {
        all.add(Arguments.of(sample, position));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("samplesInPositions")
  void eachTokenGoesAndNothingElseChangesInEveryPosition(TokenSamples.Sample sample, String position) {
    String text = position.replace("%s", sample.token());

    assertThat(scrubber.scrub(text)).isEqualTo(position.replace("%s", sample.scrubbed()));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("samplesInPositions")
  void eachLookAlikeComesThroughUntouchedInEveryPosition(TokenSamples.Sample sample, String position) {
    String text = position.replace("%s", sample.lookAlike());

    assertThat(scrubber.scrub(text)).isSameAs(text);
  }

  static Stream<TokenSamples.Sample> samples() {
    return TokenSamples.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void eachTokenIsItsOwnRulesAndStaysWhenThatRuleIsSwitchedOff(TokenSamples.Sample sample) {
    ScrubOptions options = new ScrubOptions();
    options.addDisable(sample.rule());
    String text = "upstream refused " + sample.token() + " today";

    assertThat(Scrubber.compile(options).scrub(text)).isSameAs(text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void eachTokenTakesItsRulesOwnReplacement(TokenSamples.Sample sample) {
    ScrubOptions options = new ScrubOptions();
    ValueRule rule = new ValueRule();
    rule.setName(sample.rule());
    rule.setReplacement("<" + sample.rule() + ">");
    options.addValueRule(rule);

    assertThat(Scrubber.compile(options).scrub(sample.token()))
        .isEqualTo(sample.scrubbed().replace("[Filtered]", "<" + sample.rule() + ">"));
  }

  @Test
  void everyProviderRuleHasASampleAndEverySampleARule() {
    Set<String> sampled = TokenSamples.all().stream().map(TokenSamples.Sample::rule).collect(Collectors.toSet());

    assertThat(sampled).containsAll(TokenRules.rules().keySet());
    assertThat(ScrubOptions.BUILT_IN_RULES).containsAll(sampled);
    assertThat(new TreeSet<>(TokenRules.rules().keySet())).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void codeAndIdsThatLookLikeTokensStay() {
    for (String text :
        List.of(
            "at com.example.TokenService.refresh(TokenService.java:42)",
            "commit 3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3 by ci",
            "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
            "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "request 123e4567-e89b-12d3-a456-426614174000 took PT1.5S",
            "sk-1234 pk_live_abc AKIA123 ghp_short SG.x.y key-abc xoxb-1",
            "SKU ACME-1234 shipped; AC/DC tour; SK hynix",
            "see docs at /api/v1/webhooks/discord and hooks.slack.com/help")) {
      assertThat(scrubber.scrub(text)).as(text).isSameAs(text);
    }
  }
}
