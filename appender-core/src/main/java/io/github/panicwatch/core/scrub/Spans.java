package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stretches of one text that rules found, each with the rule that found it; allocates nothing
 * until the first one is added, so clean text costs no copy. Spans may come in any order and
 * overlap: {@link #apply} merges overlapping ones into one replacement, that of the span starting
 * first.
 */
final class Spans {
  // each span is one long: start << 32 | end, and a parallel rule index, sorted at apply time
  private long[] ranges;
  private int[] rules;
  private int size;

  void add(int start, int end, int rule) {
    if (end <= start) {
      return;
    }
    if (ranges == null) {
      ranges = new long[8];
      rules = new int[8];
    } else if (size == ranges.length) {
      ranges = Arrays.copyOf(ranges, size * 2);
      rules = Arrays.copyOf(rules, size * 2);
    }
    ranges[size] = ((long) start << 32) | end;
    rules[size] = rule;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** How many spans were added. */
  int size() {
    return size;
  }

  /** The spans as {@code start-end:rule}, sorted: for tests and debugging. */
  @Override
  public String toString() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    order.sort((a, b) -> ranges[a] != ranges[b] ? Long.compare(ranges[a], ranges[b]) : rules[a] - rules[b]);
    List<String> all = new ArrayList<>();
    order.forEach(i -> all.add((ranges[i] >>> 32) + "-" + (int) ranges[i] + ":" + rules[i]));
    return all.toString();
  }

  /** The text with every span replaced by its rule's replacement of the spanned value. */
  String apply(String text, Replacement[] replacements) {
    if (size == 0) {
      return text;
    }
    // sort by start, keeping each span's rule: pack the index into the low bits of a sort key
    long[] order = new long[size];
    for (int i = 0; i < size; i++) {
      order[i] = ((ranges[i] >>> 32) << 24) | i;
    }
    Arrays.sort(order);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int k = 0;
    while (k < size) {
      int first = (int) (order[k] & 0xffffff);
      int start = (int) (ranges[first] >>> 32);
      int end = (int) ranges[first];
      k++;
      while (k < size) {
        int next = (int) (order[k] & 0xffffff);
        if ((int) (ranges[next] >>> 32) >= end) {
          break;
        }
        end = Math.max(end, (int) ranges[next]);
        k++;
      }
      start = Math.max(start, copied); // spans touching an earlier one never reach back into it
      out.append(text, copied, start).append(replacements[rules[first]].apply(text.subSequence(start, end)));
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }
}
