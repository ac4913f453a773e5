package io.github.panicwatch.core.scrub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Literal key fragments, found in one pass over a key (Aho-Corasick): case-insensitive, {@code -}
 * and {@code _} alike. A fragment written in angle brackets, {@code <otp>}, must stand as a word
 * of the key (between non-letters, or at a camelCase step): {@code user_otp} and {@code otpCode}
 * contain it, {@code footpath} does not. Immutable; a search allocates nothing.
 */
final class KeyFragments {
  // The alphabet: a-z, 0-9, '_' (also '-'), '[', ']' and '.'; any other char resets the automaton.
  private static final int ALPHABET = 26 + 10 + 4;
  private static final int NONE = -1;
  private static final byte[] SYMBOLS = symbols(); // by ASCII char; every other char is NONE

  private final int[][] next; // complete transition table, state x symbol
  private final int[][] outputs; // fragment indices ending in each state, own and inherited
  private final boolean[] accepting; // whether a fragment ends in each state
  private final int[] lengths;
  private final boolean[] wordOnly;
  private final int[] rules;

  /**
   * @param fragments the fragments; each may be wrapped in {@code <...>} to match whole words only
   * @param rules the rule each fragment belongs to, parallel to {@code fragments}
   */
  KeyFragments(List<String> fragments, List<Integer> rules) {
    if (fragments.size() != rules.size()) {
      throw new IllegalArgumentException("one rule per fragment");
    }
    int n = fragments.size();
    lengths = new int[n];
    wordOnly = new boolean[n];
    this.rules = new int[n];
    List<int[]> trie = new ArrayList<>();
    List<int[]> outs = new ArrayList<>();
    trie.add(emptyRow());
    outs.add(new int[0]);
    for (int f = 0; f < n; f++) {
      String fragment = fragments.get(f).toLowerCase(Locale.ROOT);
      if (fragment.length() > 2 && fragment.startsWith("<") && fragment.endsWith(">")) {
        fragment = fragment.substring(1, fragment.length() - 1);
        wordOnly[f] = true;
      }
      lengths[f] = fragment.length();
      this.rules[f] = rules.get(f);
      int state = 0;
      for (int i = 0; i < fragment.length(); i++) {
        int symbol = symbol(fragment.charAt(i));
        if (symbol == NONE) {
          throw new IllegalArgumentException("A key fragment may hold letters, digits, - _ . [ and ]: " + fragment);
        }
        if (trie.get(state)[symbol] == NONE) {
          trie.get(state)[symbol] = trie.size();
          trie.add(emptyRow());
          outs.add(new int[0]);
        }
        state = trie.get(state)[symbol];
      }
      outs.set(state, append(outs.get(state), f));
    }
    // breadth-first: failure links, inherited outputs, and the missing transitions filled in
    int[] fail = new int[trie.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < ALPHABET; s++) {
      int child = trie.get(0)[s];
      if (child == NONE) {
        trie.get(0)[s] = 0;
      } else {
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (int s = 0; s < ALPHABET; s++) {
        int child = trie.get(state)[s];
        if (child == NONE) {
          trie.get(state)[s] = trie.get(fail[state])[s];
        } else {
          fail[child] = trie.get(fail[state])[s];
          int[] inherited = outs.get(fail[child]);
          for (int f : inherited) {
            outs.set(child, append(outs.get(child), f));
          }
          queue.add(child);
        }
      }
    }
    next = trie.toArray(new int[0][]);
    outputs = outs.toArray(new int[0][]);
    accepting = new boolean[outputs.length];
    for (int state = 0; state < outputs.length; state++) {
      accepting[state] = outputs[state].length > 0;
    }
  }

  /**
   * The rule of the first fragment found in {@code text[from, to)}, or -1 when none is there.
   */
  int ruleIn(CharSequence text, int from, int to) {
    int state = 0;
    for (int i = from; i < to; i++) {
      int symbol = symbol(text.charAt(i));
      if (symbol == NONE) {
        state = 0;
        continue;
      }
      state = next[state][symbol];
      for (int f : outputs[state]) {
        int start = i + 1 - lengths[f];
        if (!wordOnly[f] || (isWordStart(text, start, from) && isWordEnd(text, i + 1, to))) {
          return rules[f];
        }
      }
    }
    return -1;
  }

  /**
   * Whether any fragment stands anywhere in the text, word brackets ignored: false means no key
   * in the text can name a sensitive value, so a scan of it can stop here. One table step per char.
   */
  boolean anyIn(CharSequence text) {
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      int symbol = symbol(text.charAt(i));
      state = symbol == NONE ? 0 : next[state][symbol];
      if (accepting[state]) {
        return true;
      }
    }
    return false;
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

  /** Whether a fragment (without its word brackets) is made only of chars a key can match. */
  static boolean isValidFragment(String fragment) {
    for (int i = 0; i < fragment.length(); i++) {
      if (symbol(fragment.charAt(i)) == NONE) {
        return false;
      }
    }
    return !fragment.isEmpty();
  }

  private static int symbol(char c) {
    return c < SYMBOLS.length ? SYMBOLS[c] : NONE;
  }

  private static byte[] symbols() {
    byte[] symbols = new byte[128];
    for (char c = 0; c < symbols.length; c++) {
      symbols[c] = (byte) computeSymbol(c);
    }
    return symbols;
  }

  private static int computeSymbol(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '0' && c <= '9') {
      return 26 + c - '0';
    }
    switch (c) {
      case '_', '-':
        return 36;
      case '[':
        return 37;
      case ']':
        return 38;
      case '.':
        return 39;
      default:
        return NONE;
    }
  }

  private static int[] emptyRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, NONE);
    return row;
  }

  private static int[] append(int[] array, int value) {
    int[] longer = Arrays.copyOf(array, array.length + 1);
    longer[array.length] = value;
    return longer;
  }
}
