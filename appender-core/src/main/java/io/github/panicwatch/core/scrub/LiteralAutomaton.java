package io.github.panicwatch.core.scrub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many literals found in one pass over a text (Aho-Corasick): one table step per char, whatever
 * the number of literals. Chars are first mapped to symbols by a table the caller gives, which is
 * where case folding or "{@code -} equals {@code _}" is decided; a char without a symbol (and any
 * char from 128 up) leads back to the start state. Immutable; a search allocates nothing.
 */
final class LiteralAutomaton {
  /** The symbol of a char that is in no literal. */
  static final byte NONE = 0;

  private final byte[] symbols; // by ASCII char
  private final int alphabet; // symbols 1 .. alphabet-1; 0 is NONE
  private final int[] next; // complete transition table: state * alphabet + symbol
  private final int[][] outputs; // literal indices ending in each state, own and inherited
  private final boolean[] accepting;
  private final int[] lengths;

  /**
   * @param literals the literals, each made only of chars with a symbol
   * @param symbols the symbol of each ASCII char, {@link #NONE} or 1 up to {@code alphabet - 1}
   * @throws IllegalArgumentException if a literal has a char without a symbol, or is empty
   */
  LiteralAutomaton(List<String> literals, byte[] symbols, int alphabet) {
    this.symbols = symbols.clone();
    this.alphabet = alphabet;
    lengths = new int[literals.size()];
    List<int[]> trie = new ArrayList<>();
    List<int[]> outs = new ArrayList<>();
    trie.add(emptyRow(alphabet));
    outs.add(new int[0]);
    for (int l = 0; l < literals.size(); l++) {
      String literal = literals.get(l);
      if (literal.isEmpty()) {
        throw new IllegalArgumentException("an empty literal would match everywhere");
      }
      lengths[l] = literal.length();
      int state = 0;
      for (int i = 0; i < literal.length(); i++) {
        int symbol = symbolOf(literal.charAt(i));
        if (symbol == NONE) {
          throw new IllegalArgumentException("A literal char outside the alphabet: " + literal);
        }
        if (trie.get(state)[symbol] < 0) {
          trie.get(state)[symbol] = trie.size();
          trie.add(emptyRow(alphabet));
          outs.add(new int[0]);
        }
        state = trie.get(state)[symbol];
      }
      outs.set(state, append(outs.get(state), l));
    }
    // breadth-first: failure links, inherited outputs, and the missing transitions filled in
    int[] fail = new int[trie.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < alphabet; s++) {
      int child = trie.get(0)[s];
      if (child < 0 || s == NONE) {
        trie.get(0)[s] = 0;
      } else {
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (int s = 0; s < alphabet; s++) {
        int child = trie.get(state)[s];
        if (child < 0 || s == NONE) {
          trie.get(state)[s] = s == NONE ? 0 : trie.get(fail[state])[s];
        } else {
          fail[child] = trie.get(fail[state])[s];
          for (int inherited : outs.get(fail[child])) {
            outs.set(child, append(outs.get(child), inherited));
          }
          queue.add(child);
        }
      }
    }
    next = new int[trie.size() * alphabet];
    for (int state = 0; state < trie.size(); state++) {
      System.arraycopy(trie.get(state), 0, next, state * alphabet, alphabet);
    }
    outputs = outs.toArray(new int[0][]);
    accepting = new boolean[outputs.length];
    for (int state = 0; state < outputs.length; state++) {
      accepting[state] = outputs[state].length > 0;
    }
  }

  /** The state after reading {@code c} in {@code state}; the start state is 0. */
  int step(int state, char c) {
    int symbol = c < 128 ? symbols[c] : NONE;
    return symbol == NONE ? 0 : next[state * alphabet + symbol];
  }

  /**
   * Whether any literal stands anywhere in the text. A char in no literal resets to the start
   * without a table load, so the chain of loads, each waiting for the one before, breaks at every
   * space and colon.
   */
  boolean anyIn(CharSequence text) {
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int symbol = c < 128 ? symbols[c] : NONE;
      if (symbol == NONE) {
        state = 0;
        continue;
      }
      state = next[state * alphabet + symbol];
      if (accepting[state]) {
        return true;
      }
    }
    return false;
  }

  /** Whether some literal ends at the char that led to this state. */
  boolean accepting(int state) {
    return accepting[state];
  }

  /** The literals (by index) ending at the char that led to this state; do not modify. */
  int[] outputs(int state) {
    return outputs[state];
  }

  /** The length of a literal. */
  int length(int literal) {
    return lengths[literal];
  }

  private int symbolOf(char c) {
    return c < 128 ? symbols[c] : NONE;
  }

  private static int[] emptyRow(int alphabet) {
    int[] row = new int[alphabet];
    Arrays.fill(row, -1);
    return row;
  }

  private static int[] append(int[] array, int value) {
    int[] longer = Arrays.copyOf(array, array.length + 1);
    longer[array.length] = value;
    return longer;
  }
}
