package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PanicHeaderDetectorTest {

  @Test
  void derivesTheLiteralStartOfAnAnchoredHeader() {
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^panic: "))).isEqualTo("panic: ");
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^fatal error: \\w+"))).isEqualTo("fatal error: ");
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^panicked+ at"))).isEqualTo("panicked");
  }

  @Test
  void derivesNoPrefixWhereAMatchNeedNotStartWithOne() {
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("panic: "))).isEmpty();
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^panic|oops"))).isEmpty();
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^panic", Pattern.CASE_INSENSITIVE))).isEmpty();
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^x?panic"))).isEmpty();
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^ab*c"))).isEqualTo("a");
    assertThat(PanicHeaderDetector.requiredPrefix(Pattern.compile("^a\uD83D\uDE00?b"))).isEqualTo("a");
  }

  @Test
  void opensOnTheSameLinesWithTheGateAsTheRegexAloneWould() {
    PanicHeaderDetector detector =
        new PanicHeaderDetector(List.of(Pattern.compile("^panic: "), Pattern.compile("thread '.*' panicked")));

    assertThat(detector.open("panic: runtime error")).isNotNull();
    assertThat(detector.open("thread 'main' panicked at src/main.rs")).isNotNull();
    assertThat(detector.open(" panic: indented")).isNull();
    assertThat(detector.open("12:00:00 INFO all good")).isNull();
  }
}
