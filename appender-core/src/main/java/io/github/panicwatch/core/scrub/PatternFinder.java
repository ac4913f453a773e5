package io.github.panicwatch.core.scrub;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value rule given as a regular expression: each match is a secret, or only its group named
 * {@code secret} when the pattern has one. A literal that every match contains is looked for
 * first, so text without it never meets the regex engine. The built-in patterns are linear: every
 * quantifier is bounded or possessive, and a look-behind lets a match start only at a token's
 * first character.
 */
final class PatternFinder implements ValueFinder {
  private final Pattern pattern;
  private final String[] literals;
  private final boolean hasSecretGroup;
  private final Predicate<CharSequence> accept;

  /**
   * @param pattern the expression
   * @param accept a check on each match, for what a regex says badly (a checksum, letter case)
   * @param literals texts one of which every match contains, compared ignoring ASCII case; none:
   *     every text goes to the regex
   */
  PatternFinder(Pattern pattern, Predicate<CharSequence> accept, String... literals) {
    this.pattern = pattern;
    this.literals = literals;
    this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
    this.accept = accept;
  }

  PatternFinder(Pattern pattern, String... literals) {
    this(pattern, match -> true, literals);
  }

  @Override
  public void find(String text, Spans spans, int rule) {
    if (!containsAnyLiteral(text)) {
      return;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int start = hasSecretGroup ? m.start("secret") : m.start();
      int end = hasSecretGroup ? m.end("secret") : m.end();
      if (start >= 0 && accept.test(text.subSequence(start, end))) {
        spans.add(start, end, rule);
      }
    }
  }

  private boolean containsAnyLiteral(String text) {
    if (literals.length == 0) {
      return true;
    }
    for (String literal : literals) {
      if (indexOfIgnoreCase(text, literal) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The first index of an ASCII literal in the text ignoring case, or -1. */
  static int indexOfIgnoreCase(String text, String literal) {
    int last = text.length() - literal.length();
    char first = literal.charAt(0);
    for (int i = 0; i <= last; i++) {
      if ((text.charAt(i) | 0x20) == (first | 0x20) && text.regionMatches(true, i, literal, 0, literal.length())) {
        return i;
      }
    }
    return -1;
  }
}
