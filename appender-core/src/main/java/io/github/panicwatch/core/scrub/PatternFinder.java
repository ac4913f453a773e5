package io.github.panicwatch.core.scrub;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value rule given as a regular expression: each match is a secret, or only its group named
 * {@code secret} when the pattern has one. A built-in pattern names where its matches can start
 * ({@link Start}): the regex then runs only there, anchored, so text without such a place never
 * meets the regex engine and text with one costs a match attempt per place, not per char. The
 * built-in patterns are linear: every quantifier is bounded or possessive, and a look-behind lets
 * a match start only at a token's first character.
 */
final class PatternFinder implements ValueFinder {
  private final Pattern pattern;
  private final Start[] starts;
  private final boolean hasSecretGroup;
  private final boolean ignoreCase;
  private final Predicate<CharSequence> accept;

  /**
   * Where a match can start: at each place {@code literal} stands in the text (compared ignoring
   * ASCII case when the pattern ignores case), plus {@code offset} chars.
   */
  record Start(String literal, int offset) {
    /** Matches start with the literal. */
    static Start at(String literal) {
      return new Start(literal, 0);
    }

    /** Matches start right after the literal (which a look-behind demands). */
    static Start after(String literal) {
      return new Start(literal, literal.length());
    }
  }

  /**
   * @param pattern the expression
   * @param accept a check on each match, for what a regex says badly (a checksum, letter case)
   * @param starts every place a match can start; none: the regex searches the whole text
   */
  PatternFinder(Pattern pattern, Predicate<CharSequence> accept, Start... starts) {
    this.pattern = pattern;
    this.starts = starts;
    this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
    this.ignoreCase =
        (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || pattern.pattern().contains("(?i");
    this.accept = accept;
  }

  PatternFinder(Pattern pattern, Start... starts) {
    this(pattern, match -> true, starts);
  }

  @Override
  public void find(String text, Spans spans, int rule) {
    if (starts.length == 0) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        add(m, text, spans, rule);
      }
      return;
    }
    int[] next = null; // the next place of each literal, found lazily: clean text allocates nothing
    for (int s = 0; s < starts.length; s++) {
      int at = indexOf(text, starts[s].literal(), 0);
      if (at >= 0) {
        if (next == null) {
          next = new int[starts.length];
          java.util.Arrays.fill(next, -1);
        }
        next[s] = at;
      }
    }
    if (next == null) {
      return;
    }
    // candidates in ascending order, as find() would meet them; none inside an earlier match
    Matcher m = pattern.matcher(text).useTransparentBounds(true);
    int resume = 0;
    while (true) {
      int first = -1;
      for (int s = 0; s < starts.length; s++) {
        if (next[s] >= 0
            && (first < 0 || next[s] + starts[s].offset() < next[first] + starts[first].offset())) {
          first = s;
        }
      }
      if (first < 0) {
        return;
      }
      int start = next[first] + starts[first].offset();
      next[first] = indexOf(text, starts[first].literal(), next[first] + 1);
      if (start < resume || start > text.length()) {
        continue;
      }
      if (m.region(start, text.length()).lookingAt()) {
        add(m, text, spans, rule);
        resume = Math.max(m.end(), start + 1);
      }
    }
  }

  /** The same rule searching the whole text: what its starts must not change. */
  PatternFinder searchingEverywhere() {
    return new PatternFinder(pattern, accept);
  }

  private void add(Matcher m, String text, Spans spans, int rule) {
    int start = hasSecretGroup ? m.start("secret") : m.start();
    int end = hasSecretGroup ? m.end("secret") : m.end();
    if (start >= 0 && accept.test(text.subSequence(start, end))) {
      spans.add(start, end, rule);
    }
  }

  /** The next place of a literal, ignoring case only where the pattern does: far faster if not. */
  private int indexOf(String text, String literal, int from) {
    return ignoreCase ? indexOfIgnoreCase(text, literal, from) : text.indexOf(literal, from);
  }

  /** The first index at or after {@code from} of an ASCII literal in the text ignoring case, or -1. */
  static int indexOfIgnoreCase(String text, String literal, int from) {
    int last = text.length() - literal.length();
    char first = (char) (literal.charAt(0) | 0x20);
    for (int i = from; i <= last; i++) {
      if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, literal, 0, literal.length())) {
        return i;
      }
    }
    return -1;
  }
}
