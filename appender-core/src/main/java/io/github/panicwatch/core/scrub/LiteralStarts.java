package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The places where matches of several {@link PatternFinder}s can start, found in one pass over a
 * text ({@link LiteralAutomaton} over every rule's start literals), then each rule's regex tried
 * at its places only, in order, never inside an earlier match of the same rule: what a
 * whole-text {@code find()} of each regex would report. Text with none of the literals costs one
 * table step per char and allocates nothing, however many rules there are. Immutable.
 */
final class LiteralStarts {
  // Case-insensitive literals are entered in every letter case: bounded so a long one cannot explode.
  private static final int MAX_CASE_VARIANTS = 256;

  private final PatternFinder[] finders;
  private final LiteralAutomaton automaton;
  private final int[] owners; // the finder of each literal
  private final PatternFinder.Start[] starts; // the start of each literal

  LiteralStarts(List<PatternFinder> finders) {
    this.finders = finders.toArray(new PatternFinder[0]);
    List<String> literals = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<PatternFinder.Start> starts = new ArrayList<>();
    for (int f = 0; f < this.finders.length; f++) {
      for (PatternFinder.Start start : this.finders[f].starts()) {
        for (String variant : variants(start.literal(), this.finders[f].ignoresCase())) {
          literals.add(variant);
          owners.add(f);
          starts.add(start);
        }
      }
    }
    byte[] symbols = new byte[128];
    int alphabet = 1;
    for (String literal : literals) {
      for (char c : literal.toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("A start literal must be ASCII: " + literal);
        }
        if (symbols[c] == LiteralAutomaton.NONE) {
          symbols[c] = (byte) alphabet++; // at most 127 distinct ASCII chars: a byte holds it
        }
      }
    }
    this.automaton = new LiteralAutomaton(literals, symbols, alphabet);
    this.owners = owners.stream().mapToInt(Integer::intValue).toArray();
    this.starts = starts.toArray(new PatternFinder.Start[0]);
  }

  /** Adds the spans of every finder, finder {@code k} under rule {@code rules[k]}. */
  void find(String text, Spans spans, int[] rules) {
    int n = text.length();
    long[] candidates = null; // finder << 32 | start; made at the first literal found
    int count = 0;
    int state = 0;
    for (int i = 0; i < n; i++) {
      state = automaton.step(state, text.charAt(i));
      if (!automaton.accepting(state)) {
        continue;
      }
      for (int literal : automaton.outputs(state)) {
        int start = starts[literal].candidate(text, i + 1 - automaton.length(literal));
        if (start < 0 || start > n) {
          continue;
        }
        if (candidates == null) {
          candidates = new long[8];
        } else if (count == candidates.length) {
          candidates = Arrays.copyOf(candidates, count * 2);
        }
        candidates[count++] = ((long) owners[literal] << 32) | start;
      }
    }
    if (count == 0) {
      return;
    }
    // by finder, then by start: each finder meets its places in order, as find() would
    Arrays.sort(candidates, 0, count);
    Matcher m = null;
    int current = -1;
    int resume = 0;
    for (int k = 0; k < count; k++) {
      if (k > 0 && candidates[k] == candidates[k - 1]) {
        continue;
      }
      int finder = (int) (candidates[k] >>> 32);
      int start = (int) candidates[k];
      if (finder != current) {
        current = finder;
        m = finders[finder].matcher(text);
        resume = 0;
      }
      if (start < resume) {
        continue; // inside an earlier match of this rule
      }
      int end = finders[finder].matchAt(m, text, start, spans, rules[finder]);
      if (end >= 0) {
        resume = Math.max(end, start + 1);
      }
    }
  }

  /** The literal as written, or in every ASCII letter case when compared ignoring case. */
  private static List<String> variants(String literal, boolean ignoreCase) {
    List<String> variants = new ArrayList<>(List.of(literal));
    if (!ignoreCase) {
      return variants;
    }
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (Character.toLowerCase(c) == Character.toUpperCase(c) || c >= 128) {
        continue;
      }
      for (int v = 0, size = variants.size(); v < size; v++) {
        char[] chars = variants.get(v).toCharArray();
        chars[i] = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        variants.add(new String(chars));
      }
      if (variants.size() > MAX_CASE_VARIANTS) {
        throw new IllegalArgumentException("A case-insensitive start literal is too long: " + literal);
      }
    }
    return variants;
  }
}
