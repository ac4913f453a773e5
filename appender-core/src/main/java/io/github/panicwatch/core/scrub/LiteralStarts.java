package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The places where matches of several {@link PatternFinder}s can start, found in one pass over a
 * text, then each rule's regex tried at its places only, in order, never inside an earlier match
 * of the same rule: what a whole-text {@code find()} of each regex would report.
 *
 * <p>The pass tests each position's first two chars against a bit table of the literals' first
 * two chars (2 KB) and looks further, at the literals with those two or three first chars, only on
 * a hit. The positions are independent, so the processor overlaps them; an automaton, whose every
 * step waits for the one before, measured several times slower on a panic's texts (issue 13).
 * Text with none of the literals costs about a nanosecond a char and allocates nothing, however
 * many rules there are. Immutable.
 */
final class LiteralStarts {
  private final PatternFinder[] finders;
  private final String[] literals;
  private final boolean[] ignoreCase;
  private final int[] owners; // the finder of each literal
  private final PatternFinder.Start[] starts; // the start of each literal
  private final long[] heads = new long[128 * 128 / 64]; // the first two chars of every literal
  private final int[] pairKeys; // two-char literals, by their chars
  private final int[][] pairLiterals;
  private final int[] tripleKeys; // longer literals, by their first three chars
  private final int[][] tripleLiterals;

  LiteralStarts(List<PatternFinder> finders) {
    this.finders = finders.toArray(new PatternFinder[0]);
    List<String> literals = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    List<PatternFinder.Start> starts = new ArrayList<>();
    TreeMap<Integer, List<Integer>> pairs = new TreeMap<>();
    TreeMap<Integer, List<Integer>> triples = new TreeMap<>();
    List<Boolean> ignoreCase = new ArrayList<>();
    for (int f = 0; f < this.finders.length; f++) {
      for (PatternFinder.Start start : this.finders[f].starts()) {
        String literal = start.literal();
        if (literal.length() < 2 || !literal.chars().allMatch(c -> c < 128)) {
          throw new IllegalArgumentException("A start literal is two or more ASCII chars: " + literal);
        }
        int index = literals.size();
        literals.add(literal);
        ignoreCase.add(this.finders[f].ignoresCase());
        owners.add(f);
        starts.add(start);
        for (String head : caseVariants(literal.substring(0, Math.min(3, literal.length())), this.finders[f].ignoresCase())) {
          int pair = head.charAt(0) << 7 | head.charAt(1);
          heads[pair >>> 6] |= 1L << pair;
          if (head.length() == 2) {
            pairs.computeIfAbsent(pair, k -> new ArrayList<>()).add(index);
          } else {
            triples.computeIfAbsent(pair << 7 | head.charAt(2), k -> new ArrayList<>()).add(index);
          }
        }
      }
    }
    this.literals = literals.toArray(new String[0]);
    this.ignoreCase = new boolean[literals.size()];
    for (int l = 0; l < literals.size(); l++) {
      this.ignoreCase[l] = ignoreCase.get(l);
    }
    this.owners = owners.stream().mapToInt(Integer::intValue).toArray();
    this.starts = starts.toArray(new PatternFinder.Start[0]);
    this.pairKeys = keys(pairs);
    this.pairLiterals = values(pairs);
    this.tripleKeys = keys(triples);
    this.tripleLiterals = values(triples);
  }

  /** Adds the spans of every finder, finder {@code k} under rule {@code rules[k]}. */
  void find(String text, Spans spans, int[] rules) {
    int n = text.length();
    Candidates candidates = null; // made at the first literal found
    char c1 = n > 0 ? text.charAt(0) : 0;
    for (int i = 0; i + 1 < n; i++) {
      char c0 = c1;
      c1 = text.charAt(i + 1);
      int pair = c0 << 7 | c1;
      if ((c0 | c1) >= 128 || (heads[pair >>> 6] & (1L << pair)) == 0) {
        continue; // nearly every position
      }
      int at = Arrays.binarySearch(pairKeys, pair);
      if (at >= 0) {
        candidates = collect(text, i, pairLiterals[at], candidates);
      }
      if (i + 2 < n) {
        at = Arrays.binarySearch(tripleKeys, pair << 7 | text.charAt(i + 2));
        if (at >= 0) {
          candidates = collect(text, i, tripleLiterals[at], candidates);
        }
      }
    }
    if (candidates == null) {
      return;
    }
    // by finder, then by start: each finder meets its places in order, as find() would
    long[] sorted = candidates.sorted();
    Matcher m = null;
    int current = -1;
    int resume = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] == sorted[k - 1]) {
        continue;
      }
      int finder = (int) (sorted[k] >>> 32);
      int start = (int) sorted[k];
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

  /** Adds the start of each of the given literals that stands at {@code at}; makes the holder if needed. */
  private Candidates collect(String text, int at, int[] atHead, Candidates candidates) {
    for (int literal : atHead) {
      if (text.regionMatches(ignoreCase[literal], at, literals[literal], 0, literals[literal].length())) {
        int start = starts[literal].candidate(text, at);
        if (start >= 0 && start <= text.length()) {
          candidates = candidates == null ? new Candidates() : candidates;
          candidates.add(((long) owners[literal] << 32) | start);
        }
      }
    }
    return candidates;
  }

  /** Places found in one text: finder << 32 | start. */
  private static final class Candidates {
    private long[] items = new long[8];
    private int count;

    void add(long candidate) {
      if (count == items.length) {
        items = Arrays.copyOf(items, count * 2);
      }
      items[count++] = candidate;
    }

    long[] sorted() {
      long[] sorted = Arrays.copyOf(items, count);
      if (count > 1) {
        Arrays.sort(sorted);
      }
      return sorted;
    }
  }

  private static int[] keys(TreeMap<Integer, List<Integer>> map) {
    return map.keySet().stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[][] values(TreeMap<Integer, List<Integer>> map) {
    return map.values().stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /** The head as written, or in every ASCII letter case when compared ignoring case. */
  private static List<String> caseVariants(String head, boolean ignoreCase) {
    List<String> variants = new ArrayList<>(List.of(head));
    if (!ignoreCase) {
      return variants;
    }
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (Character.toLowerCase(c) == Character.toUpperCase(c)) {
        continue;
      }
      for (int v = 0, size = variants.size(); v < size; v++) {
        char[] chars = variants.get(v).toCharArray();
        chars[i] = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        variants.add(new String(chars));
      }
    }
    return variants;
  }
}
