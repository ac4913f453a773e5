package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.panicwatch.core.config.ConfigProblem;
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
  void anAddedKeyIsLiteralNotARegex() {
    options.addKey("a.b");

    Scrubber scrubber = Scrubber.compile(options);

    assertThat(scrubber.isSensitiveKey("a.b")).isTrue();
    assertThat(scrubber.isSensitiveKey("axb")).isFalse();
  }

  @Test
  void ipAddressesStayWhenTurnedOff() {
    options.setIpAddresses(false);

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
}
