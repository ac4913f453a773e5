package io.github.panicwatch.core.scrub;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a key names a sensitive value, and under which rule: literal fragments first
 * (one pass, no allocation), then the regular expressions of rules configured with a pattern.
 * Immutable and thread-safe.
 */
final class KeyRules {
  private final KeyFragments fragments;
  private final Pattern[] patterns;
  private final int[] patternRules;

  /**
   * @param fragments the literal fragments of every key rule
   * @param patterns case-insensitive patterns, found anywhere in a key
   * @param patternRules the rule of each pattern, parallel to {@code patterns}
   */
  KeyRules(KeyFragments fragments, List<Pattern> patterns, List<Integer> patternRules) {
    this.fragments = fragments;
    this.patterns = patterns.toArray(new Pattern[0]);
    this.patternRules = patternRules.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Matchers a search through one text may reuse, or null when no rule has a pattern; one array
   * per text, never shared between threads.
   */
  Matcher[] newMatchers() {
    return patterns.length == 0 ? null : new Matcher[patterns.length];
  }

  /** Whether some key in the text may be sensitive; false only when none can be. */
  boolean mayNameAny(CharSequence text) {
    return patterns.length > 0 || fragments.anyIn(text);
  }

  /** The rule of the key {@code text[from, to)}, or -1 when it names nothing sensitive. */
  int ruleOf(CharSequence text, int from, int to, Matcher[] matchers) {
    int rule = fragments.ruleIn(text, from, to);
    if (rule >= 0 || matchers == null) {
      return rule;
    }
    for (int p = 0; p < patterns.length; p++) {
      if (matchers[p] == null) {
        matchers[p] = patterns[p].matcher(text);
      }
      if (matchers[p].region(from, to).find()) {
        return patternRules[p];
      }
    }
    return -1;
  }

  /** The rule of a whole key such as a map key, or -1. */
  int ruleOf(String key) {
    return key == null ? -1 : ruleOf(key, 0, key.length(), newMatchers());
  }
}
