package io.github.panicwatch.core.scrub;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value rule given as a regular expression: each match is a secret, or only its group named
 * {@code secret} when the pattern has one. A built-in pattern names where its matches can start
 * ({@link Start}): the regex then runs only there, anchored, so text without such a place never
 * meets the regex engine and text with one costs a match attempt per place, not per char; the
 * places of every built-in rule are found together, in one pass ({@link LiteralStarts}). The
 * built-in patterns are linear: every quantifier is bounded or possessive, and a look-behind that
 * rejects every char of the token lets a match start only at a token's first character, so a
 * long run of token chars is read once, not once per place inside it.
 */
final class PatternFinder implements ValueFinder {
  private final Pattern pattern;
  private final List<Start> starts;
  private final boolean hasSecretGroup;
  private final boolean ignoreCase;
  private final Predicate<CharSequence> accept;
  private final LiteralStarts ownStarts; // this rule's starts alone, for find(); null without

  /**
   * Where a match can start, relative to each place {@code literal} stands in the text (compared
   * ignoring ASCII case when the pattern ignores case): {@code offset} chars from it, then back
   * over at most {@code maxBack} chars that are in {@code backOver} (a token's digits before its
   * literal, say). A pattern using {@code backOver} must reject a match preceded by one of those
   * chars, so that a longer run than {@code maxBack} matches nowhere, as in a whole-text search.
   */
  record Start(String literal, int offset, String backOver, int maxBack) {
    /** Matches start with the literal. */
    static Start at(String literal) {
      return new Start(literal, 0, "", 0);
    }

    /** Matches start right after the literal (which a look-behind demands). */
    static Start after(String literal) {
      return new Start(literal, literal.length(), "", 0);
    }

    /** Matches start exactly {@code chars} chars before the literal, which stands inside them. */
    static Start before(String literal, int chars) {
      return new Start(literal, -chars, "", 0);
    }

    /** Matches start where a run of up to {@code maxBack} of the given chars before the literal starts. */
    static Start afterRunOf(String chars, int maxBack, String literal) {
      return new Start(literal, 0, chars, maxBack);
    }

    /** The place a match could start for the literal found at {@code at}; may be outside the text. */
    int candidate(CharSequence text, int at) {
      int start = at + offset;
      int stop = Math.max(0, start - maxBack);
      while (start > stop && backOver.indexOf(text.charAt(start - 1)) >= 0) {
        start--;
      }
      return start;
    }
  }

  /**
   * @param pattern the expression
   * @param accept a check on each match, for what a regex says badly (a checksum, letter case)
   * @param starts every place a match can start; none: the regex searches the whole text
   */
  PatternFinder(Pattern pattern, Predicate<CharSequence> accept, Start... starts) {
    this.pattern = pattern;
    this.starts = List.of(starts);
    this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
    this.ignoreCase =
        (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || pattern.pattern().contains("(?i");
    this.accept = accept;
    this.ownStarts = starts.length == 0 ? null : new LiteralStarts(List.of(this));
  }

  PatternFinder(Pattern pattern, Start... starts) {
    this(pattern, match -> true, starts);
  }

  @Override
  public void find(String text, Spans spans, int rule) {
    if (ownStarts != null) {
      ownStarts.find(text, spans, new int[] {rule});
      return;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      add(m, text, spans, rule);
    }
  }

  /** Where matches can start; empty when the regex searches the whole text. */
  List<Start> starts() {
    return starts;
  }

  /** Whether the starts' literals are compared ignoring ASCII case. */
  boolean ignoresCase() {
    return ignoreCase;
  }

  /** A matcher for {@link #matchAt} over one text. */
  Matcher matcher(String text) {
    return pattern.matcher(text).useTransparentBounds(true);
  }

  /**
   * Tries a match starting exactly at {@code start}; adds its span (if the check accepts it) and
   * returns its end, or -1 when there is none.
   */
  int matchAt(Matcher m, String text, int start, Spans spans, int rule) {
    if (!m.region(start, text.length()).lookingAt()) {
      return -1;
    }
    add(m, text, spans, rule);
    return m.end();
  }

  private void add(Matcher m, String text, Spans spans, int rule) {
    int start = hasSecretGroup ? m.start("secret") : m.start();
    int end = hasSecretGroup ? m.end("secret") : m.end();
    if (start >= 0 && accept.test(text.subSequence(start, end))) {
      spans.add(start, end, rule);
    }
  }
}
