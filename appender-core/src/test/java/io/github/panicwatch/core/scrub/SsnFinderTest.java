package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SsnFinderTest {

  /**
   * The oracle: the SSA's rules as a regex (no area 000, 666 or 9xx, no group 00, no serial 0000),
   * standing alone: no letter, digit or underscore beside it, nor a . - / : before more of them.
   */
  private static final Pattern ISSUABLE =
      Pattern.compile(
          "(?<![A-Za-z0-9_])(?<![A-Za-z0-9][.\\-/:])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}"
              + "(?![A-Za-z0-9_])(?![.\\-/:][A-Za-z0-9])");

  @Test
  void findsExactlyWhatTheSsaRulesWrittenAsARegexFind() {
    SsnFinder finder = new SsnFinder();
    int found = 0;
    for (String text : FinderInputs.numberTexts(30_000)) {
      Spans fast = new Spans();
      finder.find(text, fast, 0);
      Spans oracle = new Spans();
      Matcher m = ISSUABLE.matcher(text);
      while (m.find()) {
        oracle.add(m.start(), m.end(), 0);
      }
      found += oracle.size();

      assertThat(fast.toString()).as(text).isEqualTo(oracle.toString());
    }
    assertThat(found).isGreaterThan(2_000);
  }

  @Test
  void numbersNeverIssuedStay() {
    Spans spans = new Spans();
    new SsnFinder().find("000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 123-45-6789", spans, 0);

    assertThat(spans.toString()).isEqualTo("[60-71:0]");
  }
}
