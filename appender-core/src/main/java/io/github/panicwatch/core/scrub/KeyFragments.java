package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Literal key fragments, found in one pass over a key (Aho-Corasick): case-insensitive, {@code -}
 * and {@code _} alike. A fragment written in angle brackets, {@code <otp>}, must stand as a word
 * of the key (between non-letters, or at a camelCase step): {@code user_otp} and {@code otpCode}
 * contain it, {@code footpath} does not. A fragment written {@code ^accountkey$} must be the whole
 * key, or a whole dotted part of it, as Relay anchors {@code ^otp$}: {@code AccountKey} and {@code
 * storage.AccountKey} are it, {@code AccountKeyName} is not.
 * Immutable; a search allocates nothing.
 */
final class KeyFragments {
  // The alphabet: a-z, 0-9, '_' (also '-'), '[', ']' and '.'; any other char resets the automaton.
  private static final byte[] SYMBOLS = symbols();
  private static final int ALPHABET = 1 + 26 + 10 + 4;

  private final LiteralAutomaton automaton;
  private final boolean[] wordOnly;
  private final boolean[] wholeKey;
  private final int[] rules;

  /**
   * @param fragments the fragments; each may be wrapped in {@code <...>} to match whole words
   *     only, or in {@code ^...$} to match whole keys only
   * @param rules the rule each fragment belongs to, parallel to {@code fragments}
   */
  KeyFragments(List<String> fragments, List<Integer> rules) {
    if (fragments.size() != rules.size()) {
      throw new IllegalArgumentException("one rule per fragment");
    }
    int n = fragments.size();
    wordOnly = new boolean[n];
    wholeKey = new boolean[n];
    this.rules = new int[n];
    List<String> literals = new ArrayList<>(n);
    for (int f = 0; f < n; f++) {
      String fragment = fragments.get(f).toLowerCase(Locale.ROOT);
      wordOnly[f] = isWordForm(fragment);
      wholeKey[f] = isWholeKeyForm(fragment);
      literals.add(wordOnly[f] || wholeKey[f] ? fragment.substring(1, fragment.length() - 1) : fragment);
      this.rules[f] = rules.get(f);
      if (!isValidFragment(literals.get(f))) {
        throw new IllegalArgumentException(
            "A key fragment may hold letters, digits, - _ . [ and ]: " + fragment);
      }
    }
    automaton = new LiteralAutomaton(literals, SYMBOLS, ALPHABET);
  }

  /** Whether a fragment is written {@code <word>}: it must stand as a word of the key. */
  static boolean isWordForm(String fragment) {
    return fragment.length() > 2 && fragment.startsWith("<") && fragment.endsWith(">");
  }

  /** Whether a fragment is written {@code ^key$}: it must be the whole key. */
  static boolean isWholeKeyForm(String fragment) {
    return fragment.length() > 2 && fragment.startsWith("^") && fragment.endsWith("$");
  }

  /**
   * The rule of the first fragment found in {@code text[from, to)}, or -1 when none is there.
   */
  int ruleIn(CharSequence text, int from, int to) {
    int state = 0;
    for (int i = from; i < to; i++) {
      state = automaton.step(state, text.charAt(i));
      if (!automaton.accepting(state)) {
        continue;
      }
      for (int f : automaton.outputs(state)) {
        int start = i + 1 - automaton.length(f);
        if (wholeKey[f]
            ? isSegmentStart(text, start, from) && isSegmentEnd(text, i + 1, to)
            : !wordOnly[f] || (isWordStart(text, start, from) && isWordEnd(text, i + 1, to))) {
          return rules[f];
        }
      }
    }
    return -1;
  }

  /**
   * Whether any fragment stands anywhere in the text, word brackets ignored: false means no key
   * in the text can name a sensitive value, so a scan of it can stop here. One table step per char
   * of a key's alphabet; any other char (a space, a colon) resets without one.
   */
  boolean anyIn(CharSequence text) {
    return automaton.anyIn(text);
  }

  private static boolean isSegmentStart(CharSequence text, int start, int from) {
    return start == from || text.charAt(start - 1) == '.';
  }

  private static boolean isSegmentEnd(CharSequence text, int end, int to) {
    return end == to || text.charAt(end) == '.';
  }

  private static boolean isWordStart(CharSequence text, int start, int from) {
    if (start == from) {
      return true;
    }
    char before = text.charAt(start - 1);
    return !Character.isLetter(before)
        || (Character.isLowerCase(before) && Character.isUpperCase(text.charAt(start)));
  }

  private static boolean isWordEnd(CharSequence text, int end, int to) {
    if (end == to) {
      return true;
    }
    char after = text.charAt(end);
    return !Character.isLetter(after)
        || (Character.isLowerCase(text.charAt(end - 1)) && Character.isUpperCase(after));
  }

  /** Whether a fragment (without its brackets) is made only of chars a key can match. */
  static boolean isValidFragment(String fragment) {
    for (int i = 0; i < fragment.length(); i++) {
      char c = fragment.charAt(i);
      if (c >= 128 || SYMBOLS[c] == LiteralAutomaton.NONE) {
        return false;
      }
    }
    return !fragment.isEmpty();
  }

  private static byte[] symbols() {
    byte[] symbols = new byte[128];
    for (char c = 'a'; c <= 'z'; c++) {
      symbols[c] = (byte) (1 + c - 'a');
      symbols[Character.toUpperCase(c)] = symbols[c];
    }
    for (char c = '0'; c <= '9'; c++) {
      symbols[c] = (byte) (27 + c - '0');
    }
    symbols['_'] = 37;
    symbols['-'] = 37;
    symbols['['] = 38;
    symbols[']'] = 39;
    symbols['.'] = 40;
    return symbols;
  }
}
