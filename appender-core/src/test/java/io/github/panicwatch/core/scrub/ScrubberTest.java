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
    String text = "x".repeat(Scrubber.MAX_FIELD_LENGTH - 12) + " password=hunter2 and more";

    assertThat(scrubber.scrub(text))
        .doesNotContain("hun")
        .endsWith("password=[Filtered]" + Scrubber.TRUNCATION_MARK);
  }

  @Test
  void truncationDoesNotSplitASurrogatePair() {
    String text = "x".repeat(Scrubber.MAX_FIELD_LENGTH - 1) + "\uD83D\uDE00" + "tail";

    assertThat(scrubber.scrub(text))
        .isEqualTo("x".repeat(Scrubber.MAX_FIELD_LENGTH - 1) + Scrubber.TRUNCATION_MARK);
  }

  static Stream<Arguments> hostileInputs() {
    return Stream.of(
        Arguments.of("keys without values", "password".repeat(ONE_MB / 8)),
        Arguments.of("keys split by spaces", "password ".repeat(ONE_MB / 9)),
        Arguments.of("keys and separators", "password=".repeat(ONE_MB / 9)),
        Arguments.of("unclosed quoted values", "password=\"".repeat(ONE_MB / 10)),
        Arguments.of("near IPv4", "1.1.1.".repeat(ONE_MB / 6)),
        Arguments.of("near IPv6", "a:a:".repeat(ONE_MB / 4)),
        Arguments.of("near compressed IPv6", "1::".repeat(ONE_MB / 3)),
        Arguments.of("near user info", "://a:".repeat(ONE_MB / 5)),
        Arguments.of("header lines", "\n password: ".repeat(ONE_MB / 12)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void hostileMegabyteFinishesWithoutTheLengthCap(String name, String input) {
    // A hang guard, not a timing claim: quadratic backtracking on 1 MB takes hours, not seconds.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scrubber.scrubWhole(input));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void hostileMegabyteIsCutToTheCap(String name, String input) {
    String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scrubber.scrub(input));

    assertThat(scrubbed)
        .isEqualTo(
            scrubber.scrubWhole(input.substring(0, Scrubber.MAX_FIELD_LENGTH))
                + Scrubber.TRUNCATION_MARK);
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
}
