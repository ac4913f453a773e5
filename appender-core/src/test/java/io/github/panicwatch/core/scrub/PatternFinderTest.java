package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternFinderTest {

  private static final int TEXTS = 30_000;

  @Test
  void everyBuiltInPatternRuleHasAnIndependentReference() {
    List<String> patternRules = new ArrayList<>();
    BuiltInRules.VALUE_RULES.forEach(
        (name, finder) -> {
          if (finder instanceof PatternFinder) {
            patternRules.add(name);
          }
        });

    assertThat(ReferenceRules.all().keySet()).containsExactlyInAnyOrderElementsOf(patternRules);
  }

  @Test
  void allBuiltInRulesInOnePassFindExactlyWhatTheirReferencesFindOverTheWholeText() {
    Map<String, ReferenceRules.Reference> references = ReferenceRules.all();
    List<PatternFinder> finders = new ArrayList<>();
    List<ReferenceRules.Reference> oracles = new ArrayList<>();
    BuiltInRules.VALUE_RULES.forEach(
        (name, finder) -> {
          if (finder instanceof PatternFinder pattern) {
            finders.add(pattern);
            oracles.add(references.get(name));
          }
        });
    LiteralStarts onePass = new LiteralStarts(finders);
    int[] rules = new int[finders.size()];
    for (int k = 0; k < rules.length; k++) {
      rules[k] = k;
    }
    int[] found = new int[finders.size()];

    for (String text : FinderInputs.texts(TEXTS)) {
      Spans fast = new Spans();
      onePass.find(text, fast, rules);
      Spans slow = new Spans();
      for (int k = 0; k < oracles.size(); k++) {
        int before = slow.size();
        oracles.get(k).find(text, slow, k);
        found[k] += slow.size() - before;
      }

      assertThat(fast.toString()).as(text).isEqualTo(slow.toString());
    }
    // the generator reaches every rule: each found something, so each comparison meant something
    for (int k = 0; k < found.length; k++) {
      assertThat(found[k]).as("matches of rule %d in the generated texts", k).isPositive();
    }
  }

  @Test
  void eachRuleAloneFindsWhatItsReferenceFinds() {
    Map<String, ReferenceRules.Reference> references = ReferenceRules.all();
    List<String> texts = FinderInputs.texts(2_000);
    BuiltInRules.VALUE_RULES.forEach(
        (name, finder) -> {
          if (finder instanceof PatternFinder pattern) {
            for (String text : texts) {
              Spans fast = new Spans();
              pattern.find(text, fast, 0);
              Spans slow = new Spans();
              references.get(name).find(text, slow, 0);

              assertThat(fast.toString()).as(name + ": " + text).isEqualTo(slow.toString());
            }
          }
        });
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

  @Test
  void aMatchStartsAFixedDistanceBeforeItsLiteral() {
    PatternFinder finder =
        new PatternFinder(Pattern.compile("(?<![a-z])[a-z]{3}Q~[a-z]+"), PatternFinder.Start.before("Q~", 3));
    Spans spans = new Spans();
    finder.find("x abcQ~def Q~ghi zabcQ~x", spans, 0);

    assertThat(spans.toString()).isEqualTo("[2-10:0]");
  }

  @Test
  void aMatchStartsWhereTheRunBeforeItsLiteralStarts() {
    PatternFinder finder =
        new PatternFinder(
            Pattern.compile("(?<![0-9])[0-9]{2,4}:A[A-Z]+"), PatternFinder.Start.afterRunOf("0123456789", 4, ":A"));
    Spans spans = new Spans();
    finder.find("12:AB 123456:AD 1:AF 1234:AH", spans, 0);

    assertThat(spans.toString()).isEqualTo("[0-5:0, 21-28:0]");
  }

  @Test
  void textWithoutAnyLiteralAllocatesNoSpan() {
    Spans spans = new Spans();
    new LiteralStarts(List.of((PatternFinder) BuiltInRules.VALUE_RULES.get("github")))
        .find("order 17 shipped to gate 4", spans, new int[] {0});

    assertThat(spans.isEmpty()).isTrue();
  }
}
