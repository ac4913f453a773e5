package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternFinderTest {

  @Test
  void builtInRulesFindExactlyWhatAWholeTextRegexSearchFinds() {
    List<String> texts = FinderInputs.texts(30_000);
    for (Map.Entry<String, ValueFinder> rule : BuiltInRules.VALUE_RULES.entrySet()) {
      if (rule.getValue() instanceof PatternFinder finder) {
        PatternFinder everywhere = finder.searchingEverywhere();
        for (String text : texts) {
          Spans fast = new Spans();
          finder.find(text, fast, 0);
          Spans slow = new Spans();
          everywhere.find(text, slow, 0);

          assertThat(fast.toString()).as(rule.getKey() + ": " + text).isEqualTo(slow.toString());
        }
      }
    }
  }

  @Test
  void aMatchStartsAfterALiteralThatALookBehindDemands() {
    PatternFinder finder =
        new PatternFinder(
            Pattern.compile("(?<=key=)[a-z]+"), PatternFinder.Start.after("key="));
    Spans spans = new Spans();
    finder.find("a key=abc b KEY=def key=ghi", spans, 0);

    assertThat(spans.toString()).isEqualTo("[6-9:0, 24-27:0]");
  }

  @Test
  void aCaseInsensitivePatternFindsItsLiteralInAnyCase() {
    PatternFinder finder =
        new PatternFinder(
            Pattern.compile("token-[0-9]+", Pattern.CASE_INSENSITIVE), PatternFinder.Start.at("token-"));
    Spans spans = new Spans();
    finder.find("TOKEN-12 Token-3 tok-4", spans, 0);

    assertThat(spans.toString()).isEqualTo("[0-8:0, 9-16:0]");
  }
}
