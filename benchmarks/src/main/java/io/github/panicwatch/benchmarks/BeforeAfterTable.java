package io.github.panicwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown table of {@code benchmarks/compare.sh}: suite 3 (one panic, median) and suite 4
 * (Panicwatch's clean-text scrubbing) of this tree and of an earlier commit, measured in turns in
 * one run, round by round, with the ratio of each round, and this tree's scrubbing against its
 * logstash baseline with the same rules in the same rounds; the verdicts take the median round.
 */
public final class BeforeAfterTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BeforeAfterTable() {}

  public static void main(String[] args) throws IOException {
    File folder = new File(args[0]);
    String ref = args[1];
    int rounds = Integer.parseInt(args[2]);
    StringBuilder out = new StringBuilder();
    out.append("**One panic on the calling thread, before (").append(ref).append(") and after**, median µs ")
        .append("(JMH SampleTime, one fork per side and round, sides in turns)\n\n")
        .append("| round | before | after | after / before |\n|---|---|---|---|\n");
    double[] before = new double[rounds];
    double[] after = new double[rounds];
    double[] ratios = new double[rounds];
    for (int r = 1; r <= rounds; r++) {
      before[r - 1] = median(new File(folder, "panic-before-" + r + ".json"));
      after[r - 1] = median(new File(folder, "panic-after-" + r + ".json"));
      ratios[r - 1] = after[r - 1] / before[r - 1];
      out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", r, before[r - 1], after[r - 1], ratios[r - 1]));
    }
    out.append(String.format(Locale.ROOT, "| **median** | **%.0f** | **%.0f** | **%.3f** |%n%n",
        middle(before), middle(after), middle(ratios)));
    out.append("- ").append(verdict("median ≤ 200 µs (after)", middle(after), 200, true)).append('\n');
    out.append("- ").append(verdict("no slower than before (median round's ratio ≤ 1.00)", middle(ratios), 1.0, true)).append('\n');

    out.append("\n**Panicwatch's scrubbing of the clean corpus, before (").append(ref).append(") and after**, MB/s\n\n")
        .append("| round | before | after | after / before | logstash, same rules (after) | after × logstash |\n")
        .append("|---|---|---|---|---|---|\n");
    long bytes = ScrubCorpus.bytes("clean");
    double[] scrubRatios = new double[rounds];
    double[] overLogstash = new double[rounds];
    for (int r = 1; r <= rounds; r++) {
      double b = bytes / micros(new File(folder, "scrub-before-" + r + ".json"));
      double a = bytes / micros(new File(folder, "scrub-after-" + r + ".json"));
      double l = bytes / micros(new File(folder, "logstash-after-" + r + ".json"));
      scrubRatios[r - 1] = a / b;
      overLogstash[r - 1] = a / l;
      out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.3f | %.2f | %.1f× |%n", r, b, a, a / b, l, a / l));
    }
    out.append(String.format(Locale.ROOT, "| **median** | | | **%.3f** | | **%.1f×** |%n%n",
        middle(scrubRatios), middle(overLogstash)));
    out.append("- ").append(verdict("clean text ≥ 25× logstash with the same rules (median round)", middle(overLogstash), 25, false))
        .append('\n');
    System.out.print(out);
  }

  private static double median(File file) throws IOException {
    return result(file).path("primaryMetric").path("scorePercentiles").path("50.0").asDouble();
  }

  /** Microseconds per pass over the corpus. */
  private static double micros(File file) throws IOException {
    JsonNode metric = result(file).path("primaryMetric");
    String unit = metric.path("scoreUnit").asText();
    double score = metric.path("score").asDouble();
    return unit.startsWith("ns") ? score / 1_000 : unit.startsWith("ms") ? score * 1_000 : score;
  }

  private static JsonNode result(File file) throws IOException {
    return JSON.readTree(file).get(0);
  }

  private static double middle(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String verdict(String target, double value, double limit, boolean atMost) {
    boolean met = atMost ? value <= limit : value >= limit;
    return String.format(Locale.ROOT, "%s %s: %.3f", met ? "met" : "**missed**", target, value);
  }
}
