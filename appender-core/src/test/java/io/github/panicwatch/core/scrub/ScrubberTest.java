package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScrubberTest {

  private static final int ONE_MB = 1 << 20;

  private final Scrubber scrubber = Scrubber.compile(new ScrubOptions());

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(ScrubberTest.class.getResourceAsStream("scrub-corpus.tsv"));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        String input = columns[0].replace("\\n", "\n");
        rows.add(Arguments.of(input, columns[1], columns.length > 2 ? columns[2] : null));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("corpus")
  void corpusSecretDisappearsOrCleanTextComesBackAsTheSameInstance(
      String input, String secret, String mustStay) {
    String scrubbed = scrubber.scrub(input);

    if (secret.equals("=")) {
      assertThat(scrubbed).isSameAs(input);
    } else {
      assertThat(scrubbed).doesNotContain(secret).contains("[Filtered]");
      if (mustStay != null) {
        assertThat(scrubbed).contains(mustStay.replace("\\n", "\n"));
      }
    }
  }

  @Test
  void nullScrubsToNull() {
    assertThat(scrubber.scrub(null)).isNull();
  }

  @Test
  void sensitiveKeysAreFoundByFragmentIgnoringCaseWithDashEqualToUnderscore() {
    assertThat(scrubber.isSensitiveKey("userPassword")).isTrue();
    assertThat(scrubber.isSensitiveKey("X-Api-Key")).isTrue();
    assertThat(scrubber.isSensitiveKey("AUTH-TOKEN")).isTrue();
    assertThat(scrubber.isSensitiveKey("card[number]")).isTrue();
    assertThat(scrubber.isSensitiveKey("cardnumber")).isFalse();
    assertThat(scrubber.isSensitiveKey("username")).isFalse();
    assertThat(scrubber.isSensitiveKey(null)).isFalse();
  }

  @Test
  void replacementIsTheConfiguredText() {
    assertThat(scrubber.replacement()).isEqualTo("[Filtered]");
  }

  @Test
  void textLongerThanTheCapIsTruncatedBeforeScrubbing() {
    String longText = "x".repeat(Scrubber.MAX_FIELD_LENGTH + 5000);

    assertThat(scrubber.scrub(longText))
        .isEqualTo("x".repeat(Scrubber.MAX_FIELD_LENGTH) + Scrubber.TRUNCATION_MARK);
  }

  @Test
  void aValueCutByTheCapIsStillScrubbed() {
    String text = "x".repeat(Scrubber.MAX_FIELD_LENGTH - 20) + " password=\"hunter two and more\"";

    assertThat(scrubber.scrub(text))
        .doesNotContain("hun")
        .endsWith(" password=\"[Filtered]" + Scrubber.TRUNCATION_MARK);
  }

  @Test
  void aTokenTheCapWouldSplitIsCutOffWhole() {
    // the first 20 chars of a GitHub token are no GitHub token: they would go out as they are
    String token = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
    String text = "x".repeat(Scrubber.MAX_FIELD_LENGTH - 21) + " " + token + " more";

    assertThat(scrubber.scrub(text))
        .isEqualTo("x".repeat(Scrubber.MAX_FIELD_LENGTH - 21) + " " + Scrubber.TRUNCATION_MARK);
  }

  @Test
  void truncationDoesNotSplitASurrogatePair() {
    String text = "x".repeat(Scrubber.MAX_FIELD_LENGTH - 1) + "\uD83D\uDE00" + "tail";

    assertThat(scrubber.scrub(text))
        .isEqualTo("x".repeat(Scrubber.MAX_FIELD_LENGTH - 1) + Scrubber.TRUNCATION_MARK);
  }

  /** Marks a hostile input that must come back unchanged, as the same instance. */
  private static final String UNCHANGED = "(unchanged)";

  static Stream<Arguments> hostileInputs() {
    int half = ONE_MB / 20;
    return Stream.of(
        Arguments.of("keys without values", "password".repeat(ONE_MB / 8), UNCHANGED),
        Arguments.of("keys split by spaces", "password ".repeat(ONE_MB / 9), UNCHANGED),
        // the first key's value runs to the end: nothing ends it
        Arguments.of("keys and separators", "password=".repeat(ONE_MB / 9), "password=[Filtered]"),
        // each quote opens a value that the next one closes
        Arguments.of(
            "unclosed quoted values", "password=\"".repeat(2 * half), "password=\"[Filtered]\"".repeat(half)),
        Arguments.of("near IPv4", "1.1.1.".repeat(ONE_MB / 6), UNCHANGED),
        Arguments.of("near IPv6", "a:a:".repeat(ONE_MB / 4), UNCHANGED),
        Arguments.of("near compressed IPv6", "1::".repeat(ONE_MB / 3), UNCHANGED),
        Arguments.of("near user info", "://a:".repeat(ONE_MB / 5), UNCHANGED),
        Arguments.of("header lines", "\n password: ".repeat(ONE_MB / 12), UNCHANGED),
        Arguments.of("unclosed objects", "password={".repeat(ONE_MB / 10), "password=[Filtered]"),
        Arguments.of("named keys without a next pair", "\"password\",".repeat(ONE_MB / 11), UNCHANGED),
        Arguments.of("near cards", "4111 ".repeat(ONE_MB / 5), UNCHANGED),
        Arguments.of("one long digit run", "4".repeat(ONE_MB), UNCHANGED),
        Arguments.of("near Luhn-invalid cards", "4111111111111112 ".repeat(ONE_MB / 17), UNCHANGED),
        Arguments.of("cards", "4111111111111111 ".repeat(ONE_MB / 17), "[Filtered] ".repeat(ONE_MB / 17)),
        Arguments.of("near emails", "a@a.".repeat(ONE_MB / 4), UNCHANGED),
        Arguments.of("at signs", "@".repeat(ONE_MB), UNCHANGED),
        Arguments.of("near JWTs", "eyJ".repeat(ONE_MB / 3), UNCHANGED),
        Arguments.of("near JWT parts", "eyJa.".repeat(ONE_MB / 5), UNCHANGED),
        Arguments.of("unclosed PEM headers", "-----BEGIN ".repeat(ONE_MB / 11), UNCHANGED),
        Arguments.of(
            "PEM blocks without an end",
            "-----BEGIN PRIVATE KEY-----".repeat(ONE_MB / 27),
            "-----BEGIN PRIVATE KEY-----[Filtered]"),
        Arguments.of("home prefixes", "/home/".repeat(ONE_MB / 6), UNCHANGED),
        Arguments.of("bearer words", "Bearer ".repeat(ONE_MB / 7), UNCHANGED),
        Arguments.of("near hex-only IPv6", "dead::".repeat(ONE_MB / 6), UNCHANGED),
        Arguments.of("near SSNs", "123-45-678 ".repeat(ONE_MB / 11), UNCHANGED),
        Arguments.of("never issued SSNs", "900-45-6789 ".repeat(ONE_MB / 12), UNCHANGED),
        Arguments.of("SSNs", "123-45-6789 ".repeat(ONE_MB / 12), "[Filtered] ".repeat(ONE_MB / 12)),
        Arguments.of("dashed digit runs", "12-34-".repeat(ONE_MB / 6), UNCHANGED),
        Arguments.of("near IBANs", "DE89370400440532013001 ".repeat(ONE_MB / 23), UNCHANGED),
        Arguments.of("IBAN heads", "DE89".repeat(ONE_MB / 4), UNCHANGED),
        Arguments.of(
            "IBANs in groups", "DE89 3704 0044 0532 0130 00, ".repeat(ONE_MB / 29), "[Filtered], ".repeat(ONE_MB / 29)),
        Arguments.of("class names before colons", "com.example.auth.TokenFilter: ".repeat(ONE_MB / 30), UNCHANGED),
        Arguments.of("values Sentry never replaces", "password=false ".repeat(ONE_MB / 15), UNCHANGED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void hostileMegabyteFinishesWithTheExpectedOutputWithoutTheLengthCap(String name, String input, String expected) {
    // A hang guard, not a timing claim: quadratic backtracking on 1 MB takes hours, not seconds.
    String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scrubber.scrubWhole(input));

    if (expected.equals(UNCHANGED)) {
      assertThat(scrubbed).isSameAs(input);
    } else {
      assertThat(scrubbed).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void hostileMegabyteIsCutToTheCapNotInsideAWord(String name, String input, String expected) {
    String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scrubber.scrub(input));

    String kept = cutAsDocumented(input);
    assertThat(scrubbed).isEqualTo(scrubber.scrubWhole(kept) + Scrubber.TRUNCATION_MARK);
    if (expected.equals(UNCHANGED)) {
      assertThat(scrubbed).isEqualTo(kept + Scrubber.TRUNCATION_MARK);
    }
  }

  /** The README's cut: at the cap, or before a word it would split that starts within 512 chars. */
  private static String cutAsDocumented(String text) {
    int cap = Scrubber.MAX_FIELD_LENGTH;
    for (int cut = cap; cut > cap - 512; cut--) {
      char c = text.charAt(cut - 1);
      if (!Character.isLetterOrDigit(c) && "_-+/=.~%:".indexOf(c) < 0) {
        return text.substring(0, cut);
      }
    }
    return text.substring(0, cap);
  }

  static Stream<Arguments> hostileTokenInputs() {
    List<Arguments> all = new ArrayList<>();
    for (TokenSamples.Sample sample : TokenSamples.all()) {
      int copies = ONE_MB / (sample.token().length() + 1);
      all.add(Arguments.of(sample + ": tokens", (sample.token() + " ").repeat(copies), (sample.scrubbed() + " ").repeat(copies)));
      copies = ONE_MB / (sample.lookAlike().length() + 1);
      all.add(Arguments.of(sample + ": look-alikes", (sample.lookAlike() + " ").repeat(copies), UNCHANGED));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTokenInputs")
  void hostileMegabyteOfEachTokenRuleFinishesWithTheExpectedOutput(String name, String input, String expected) {
    String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scrubber.scrubWhole(input));

    if (expected.equals(UNCHANGED)) {
      assertThat(scrubbed).isSameAs(input);
    } else {
      assertThat(scrubbed).isEqualTo(expected);
    }
  }

  static Stream<Arguments> literalRuns() {
    List<Arguments> all = new ArrayList<>();
    BuiltInRules.VALUE_RULES.forEach(
        (name, finder) -> {
          if (finder instanceof PatternFinder pattern) {
            String literals = pattern.starts().stream().map(PatternFinder.Start::literal).reduce("", String::concat);
            all.add(Arguments.of(name, literals.repeat(ONE_MB / literals.length())));
            all.add(Arguments.of(name, (literals + "0").repeat(ONE_MB / (literals.length() + 1))));
          }
        });
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literalRuns")
  void aMegabyteOfARulesLiteralsGivesWhatItsReferenceFinds(String rule, String input) {
    ScrubOptions options = new ScrubOptions();
    ScrubOptions.BUILT_IN_RULES.stream().filter(name -> !name.equals(rule)).forEach(options::addDisable);
    Scrubber onlyThisRule = Scrubber.compile(options);
    Spans expected = new Spans();
    ReferenceRules.all().get(rule).find(input, expected, 0);

    String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> onlyThisRule.scrubWhole(input));

    assertThat(scrubbed)
        .isEqualTo(expected.apply(input, new Replacement[] {Replacement.of(ScrubOptions.DEFAULT_REPLACEMENT, null)}));
  }

  @Test
  void textThatBreaksTheMatcherBecomesTheReplacementNotTheRawText() {
    // Java's regex engine recurses once per repetition of a group with alternatives, so this
    // custom pattern overflows the stack on a long run: the scrubber must fail closed.
    ScrubOptions options = new ScrubOptions();
    options.setKeyPattern("x(?:a|bc)+y");
    Scrubber fragile = Scrubber.compile(options);
    String text = "x" + "a".repeat(Scrubber.MAX_FIELD_LENGTH - 2) + "y hunter2";

    assertThat(fragile.scrub(text)).isEqualTo("[Filtered]");
  }

  @Test
  void eachReplacementModeWritesItsOwnForm() {
    assertThat(scrubberWith(o -> o.setReplacement("mask")).scrub("password=hunter2"))
        .isEqualTo("password=****");
    assertThat(scrubberWith(o -> o.setReplacement("remove")).scrub("password=hunter2 ok"))
        .isEqualTo("password= ok");
    assertThat(scrubberWith(o -> o.setReplacement("<gone>")).scrub("password=hunter2"))
        .isEqualTo("password=<gone>");
  }

  @Test
  void theHashOfAValueIsStableShortHexAndDependsOnTheKey() {
    Scrubber one = scrubberWith(o -> { o.setReplacement("hash"); o.setHashKey("0123456789abcdef"); });
    Scrubber other = scrubberWith(o -> { o.setReplacement("hash"); o.setHashKey("fedcba9876543210"); });

    String first = one.scrub("user alice@example.com failed");
    assertThat(first).matches("user \\[hash:[0-9a-f]{16}\\] failed");
    assertThat(one.scrub("again alice@example.com")).endsWith(first.substring(5, 28));
    assertThat(one.scrub("bob@example.com")).isNotEqualTo(first.substring(5, 28));
    assertThat(other.scrub("user alice@example.com failed")).isNotEqualTo(first);
  }

  @Test
  void aRuleOfItsOwnReplacesOnlyItsMatchesItsWay() {
    Scrubber scrubber =
        scrubberWith(
            o -> {
              o.setHashKey("0123456789abcdef");
              ValueRule email = new ValueRule();
              email.setName("email");
              email.setReplacement("hash");
              o.addValueRule(email);
              KeyRule keys = new KeyRule();
              keys.setName("keys");
              keys.setReplacement("mask");
              o.addKeyRule(keys);
            });

    assertThat(scrubber.scrub("password=hunter2 by bob@example.com from 10.1.2.3"))
        .matches("password=\\*\\*\\*\\* by \\[hash:[0-9a-f]{16}\\] from \\[Filtered\\]");
  }

  @Test
  void aCustomValueRuleReplacesItsSecretGroupOrItsWholeMatch() {
    Scrubber scrubber =
        scrubberWith(
            o -> {
              ValueRule ticket = new ValueRule();
              ticket.setPattern("TICKET-\\d{4}");
              o.addValueRule(ticket);
              ValueRule pin = new ValueRule();
              pin.setPattern("pin (?<secret>\\d{4})");
              pin.setReplacement("mask");
              o.addValueRule(pin);
            });

    assertThat(scrubber.scrub("TICKET-1234 pin 9876")).isEqualTo("[Filtered] pin ****");
  }

  @Test
  void aCustomKeyRuleAddsKeysWithItsOwnReplacement() {
    Scrubber scrubber =
        scrubberWith(
            o -> {
              KeyRule rule = new KeyRule();
              rule.addKey("customer");
              rule.setPattern("^acct$");
              rule.setReplacement("remove");
              o.addKeyRule(rule);
            });

    assertThat(scrubber.scrub("customer_name=Bob acct=77 password=x"))
        .isEqualTo("customer_name= acct= password=[Filtered]");
    assertThat(scrubber.replaceValueOf("Customer-Id", 42)).isEmpty();
    assertThat(scrubber.replaceValueOf("region", "eu")).isNull();
  }

  static Stream<Arguments> switchableRules() {
    List<Arguments> rules =
        new ArrayList<>(
            List.of(
                Arguments.of("keys", "password=hunter2"),
                Arguments.of("ip", "from 10.1.2.3"),
                Arguments.of("userinfo", "https://bob:hunter2@example.org/x"),
                Arguments.of("bearer", "sent Bearer abc123def456"),
                Arguments.of("card", "paid 4111111111111111"),
                Arguments.of("iban", "to DE89370400440532013000"),
                Arguments.of("usssn", "ssn 123-45-6789"),
                Arguments.of("pem", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"),
                Arguments.of("email", "by bob@example.com"),
                Arguments.of("jwt", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc")));
    for (String name : TokenRules.rules().keySet()) {
      TokenSamples.all().stream()
          .filter(sample -> sample.rule().equals(name))
          .findFirst()
          .ifPresent(sample -> rules.add(Arguments.of(name, "with " + sample.token())));
    }
    rules.add(Arguments.of("home", "read /home/alice/x"));
    return rules.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("switchableRules")
  void eachBuiltInRuleCatchesItsValueAndCanBeSwitchedOff(String rule, String text) {
    assertThat(scrubber.scrub(text)).contains("[Filtered]");

    assertThat(scrubberWith(o -> o.addDisable(rule)).scrub(text)).isSameAs(text);
  }

  @Test
  void everyBuiltInRuleHasASwitchCase() {
    assertThat(switchableRules().map(a -> a.get()[0])).containsExactlyElementsOf(ScrubOptions.BUILT_IN_RULES);
  }

  @Test
  void disablingTheDefaultKeysKeepsKeysAddedOnTop() {
    Scrubber scrubber = scrubberWith(o -> { o.addDisable("keys, ip"); o.addKey("pin"); });

    assertThat(scrubber.scrub("password=x pin=1234 at 10.1.2.3"))
        .isEqualTo("password=x pin=[Filtered] at 10.1.2.3");
  }

  @Test
  void mapKeysAreSensitiveByFragmentWordOrNot() {
    assertThat(scrubber.isSensitiveKey("user_otp")).isTrue();
    assertThat(scrubber.isSensitiveKey("otpCode")).isTrue();
    assertThat(scrubber.isSensitiveKey("footpath")).isFalse();
    assertThat(scrubber.isSensitiveKey("JSESSIONID")).isTrue();
    assertThat(scrubber.isSensitiveKey("X-Auth-Token")).isTrue();
    assertThat(scrubber.isSensitiveKey("two-factor")).isTrue();
    assertThat(scrubber.isSensitiveKey("consider")).isFalse();
  }

  private static final String[] SHAPES = {
    "hunter2", "4111111111111111", "alice@example.com", "10.20.30.40", "2001:db8::7",
    "AKIAIOSFODNN7EXAMPLE", "ghp_1234567890abcdefghijABCDEFGHIJ123456",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc", "xoxb-123456789012-abcdefghijkl"
  };

  private static final String[] FORMS = {
    "password=%s", "password: %s", "\"password\": \"%s\"", "'secret': '%s'", "--password %s",
    "?api_key=%s&x=1", "User{token=%s, n=1}", "auth_token = \"%s\"", "MYSQL_PWD=%s",
    "{\"name\":\"password\",\"value\":\"%s\"}", "value %s here", "(%s)", "[%s]", "<%s>"
  };

  @Test
  void secretsInRandomPositionsAndShapesNeverComeThrough() {
    java.util.Random random = new java.util.Random(20240501L);
    String[] filler = {"ok", "order 17 done", "at 12:30:45", "v1.2.3", "foo::bar", "x=y", ",", " ", "\n"};
    for (int run = 0; run < 2000; run++) {
      StringBuilder text = new StringBuilder();
      String secret = SHAPES[random.nextInt(SHAPES.length)];
      String form = FORMS[random.nextInt(FORMS.length)];
      if (!form.startsWith("password") && !form.contains("\"password\"") && !form.contains("secret")
          && !form.contains("api_key") && !form.contains("token") && !form.contains("PWD")
          && secret.equals("hunter2")) {
        continue; // a plain word is a secret only under a key
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        text.append(filler[random.nextInt(filler.length)]).append(' ');
      }
      text.append(String.format(form, secret));
      for (int i = random.nextInt(4); i > 0; i--) {
        text.append(' ').append(filler[random.nextInt(filler.length)]);
      }
      assertThat(scrubber.scrub(text.toString())).as("%s", text).doesNotContain(secret);
    }
  }

  private static Scrubber scrubberWith(java.util.function.Consumer<ScrubOptions> configure) {
    ScrubOptions options = new ScrubOptions();
    configure.accept(options);
    return Scrubber.compile(options);
  }
}
