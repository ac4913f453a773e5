package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random texts made of the pieces the value rules look for, near misses included, for tests
 * proving that a rule's fast search finds exactly what a plain regex search over the text finds.
 */
final class FinderInputs {
  private static final String[] PIECES = {
    "1", "25", "255", "256", "0", "7", "1234", ".", ".", ":", ":", "::", "%eth0", "a", "f", "B",
    "dead", "beef", "ffff", "x", "G", " ", " ", "-", "_", "/", "v", "10.1.2.3", "::ffff:", "fe80::",
    "12:30:45", "bearer ", "Bearer\\t", "eyJ", "eyJhbGciOi", "AKIA", "ASIA", "A3TX", "ABCDEFGHIJ",
    "0123456789", "ghp_", "gho_", "github_pat_", "gh", "xoxb-", "xox", "hooks.slack.com/services/",
    "hooks.SLACK.com/services/", "=", "abc123XYZ", "K9", "\"", "@",
  };

  private FinderInputs() {}

  /** {@code count} texts of up to 24 pieces, the same ones on every run. */
  static List<String> texts(int count) {
    Random random = new Random(20251124L);
    List<String> texts = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(24) + 1;
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      texts.add(text.toString());
    }
    return texts;
  }
}
