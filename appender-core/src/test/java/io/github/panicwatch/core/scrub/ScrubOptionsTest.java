package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import org.junit.jupiter.api.Test;

class ScrubOptionsTest {

  private final ScrubOptions options = new ScrubOptions();

  @Test
  void defaultsHaveNoProblemAndFilterIpAddressesWithTheStandardReplacement() {
    assertThat(options.validate()).isEmpty();
    assertThat(options.getKeyPattern()).isNull();
    assertThat(options.getKeys()).isEmpty();
    assertThat(options.isIpAddresses()).isTrue();
    assertThat(options.getReplacement()).isEqualTo("[Filtered]");
  }

  @Test
  void anUncompilableKeyPatternIsReportedWithTheRegexAndTheReason() {
    options.setKeyPattern("pass(word");

    assertThat(options.validate())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.option()).isEqualTo("scrub.keyPattern");
              assertThat(problem.message()).contains("[pass(word]").contains("Unclosed group");
            });
  }

  @Test
  void aKeyPatternMatchingTheEmptyStringIsReported() {
    options.setKeyPattern("secret|");

    assertThat(options.validate())
        .extracting(ConfigProblem::option)
        .containsExactly("scrub.keyPattern");
  }

  @Test
  void aBlankKeyAndAnEmptyReplacementAreReported() {
    options.addKey(" ");
    options.setReplacement("");

    assertThat(options.validate())
        .extracting(ConfigProblem::option)
        .containsExactly("scrub.key", "scrub.replacement");
  }

  @Test
  void compilingOptionsWithAProblemThrowsIllegalArgument() {
    options.setKeyPattern("(");

    assertThatThrownBy(() -> Scrubber.compile(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scrub.keyPattern");
  }

  @Test
  void aCustomKeyPatternReplacesTheDefaultKeys() {
    options.setKeyPattern("session_?id");

    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.isSensitiveKey("SessionId")).isTrue();
    assertThat(scrubber.isSensitiveKey("password")).isFalse();
    assertThat(scrubber.scrub("sessionid=abc password=hunter2"))
        .isEqualTo("sessionid=[Filtered] password=hunter2");
  }

  @Test
  void anAddedKeyExtendsTheDefaultsWithDashEqualToUnderscore() {
    options.addKey("x-session_id");

    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.isSensitiveKey("X_Session-Id")).isTrue();
    assertThat(scrubber.isSensitiveKey("password")).isTrue();
    assertThat(scrubber.scrub("x_session_id=abc")).isEqualTo("x_session_id=[Filtered]");
  }

  @Test
  void anAnchoredKeyMatchesOnlyTheWholeKeyOrAWholeDottedPart() {
    options.addKey("^pin$");
    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.scrub("pin=1 PIN=2 user.pin=3 pincode=4 spin=5 pin_hint=6"))
        .isEqualTo("pin=[Filtered] PIN=[Filtered] user.pin=[Filtered] pincode=4 spin=5 pin_hint=6");
    assertThat(scrubber.isSensitiveKey("Pin")).isTrue();
    assertThat(scrubber.isSensitiveKey("pinned")).isFalse();
  }

  @Test
  void connectionStringKeysAreSecretOnlyAsWholeKeys() {
    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.isSensitiveKey("AccountKey")).isTrue();
    assertThat(scrubber.isSensitiveKey("shared-access-key")).isTrue();
    assertThat(scrubber.isSensitiveKey("SharedAccessKeyName")).isFalse();
    assertThat(scrubber.isSensitiveKey("sig")).isTrue();
    assertThat(scrubber.isSensitiveKey("signal")).isFalse();
    assertThat(scrubber.isSensitiveKey("AccountName")).isFalse();
  }

  @Test
  void anAnchoredKeyThatCanNeverMatchIsReported() {
    options.addKey("^user name$");

    assertThat(options.validate())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "[scrub.key] Key [^user name$] can never match: a key fragment holds only ASCII letters, digits"
                + " and - _ . [ ]; use a pattern for anything else");
  }

  @Test
  void anAddedKeyIsLiteralNotARegex() {
    options.addKey("a.b");

    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.isSensitiveKey("a.b")).isTrue();
    assertThat(scrubber.isSensitiveKey("axb")).isFalse();
  }

  @Test
  void ipAddressesStayWhenTurnedOff() {
    options.setIpAddresses("false");

    assertThat(Scrubber.compile(options).scrub("from 10.1.2.3 and ::1"))
        .isEqualTo("from 10.1.2.3 and ::1");
  }

  @Test
  void theConfiguredReplacementIsWhatScrubbedValuesBecome() {
    options.setReplacement("***");

    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.replacement()).isEqualTo("***");
    assertThat(scrubber.scrub("password=hunter2 from 10.1.2.3"))
        .isEqualTo("password=*** from ***");
  }

  @Test
  void rulesThatCannotWorkAreEachReportedWithTheirOption() {
    KeyRule empty = new KeyRule();
    empty.setName("nothing");
    options.addKeyRule(empty);
    KeyRule badKey = new KeyRule();
    badKey.addKey("user name");
    options.addKeyRule(badKey);
    ValueRule unknown = new ValueRule();
    unknown.setName("phone");
    options.addValueRule(unknown);
    ValueRule broken = new ValueRule();
    broken.setName("ticket");
    broken.setPattern("TICKET-(\\d+");
    options.addValueRule(broken);
    options.addDisable("emails");

    assertThat(options.validate())
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "[scrub.keyRule] Key rule [nothing] has neither <key> nor <pattern>; name it \"keys\" to change the default key list",
            "[scrub.keyRule] Key [user name] can never match: a key fragment holds only ASCII letters, digits and - _ . [ ]; use a pattern for anything else",
            "[scrub.valueRule] Value rule [phone] has no <pattern> and names no built-in rule; built-in rules are "
                + ScrubOptions.BUILT_IN_RULES.subList(1, ScrubOptions.BUILT_IN_RULES.size()),
            "[scrub.valueRule] Invalid pattern of value rule [ticket] [TICKET-(\\d+]: Unclosed group near index 11",
            "[scrub.disable] Unknown rule [emails] to disable: use one of " + ScrubOptions.BUILT_IN_RULES);
  }

  @Test
  void theHashReplacementWithoutAKeyOfSixteenCharactersIsReported() {
    ValueRule email = new ValueRule();
    email.setName("email");
    email.setReplacement("hash");
    options.addValueRule(email);
    options.setHashKey("short");

    assertThat(options.validate()).extracting(ConfigProblem::option).containsExactly("scrub.hashKey");

    // a variable nothing defines never counts as a key, however long what the framework made of it
    options.setHashKey("${PANICWATCH_HASH_KEY_OF_THIS_SERVICE}");
    assertThat(OptionTables.SCRUB.check(options, UnresolvedVariables.PLACEHOLDER))
        .extracting(ConfigProblem::option)
        .containsExactly("scrub.hashKey");

    options.setHashKey("a-key-of-sixteen-chars");
    assertThat(options.validate()).isEmpty();
  }

  @Test
  void ipAddressesOffShowsAsTheIpRuleDisabled() {
    options.setIpAddresses("false");
    options.addDisable("email,jwt");

    assertThat(options.getDisabled()).containsExactly("email", "jwt", "ip");
  }
}
