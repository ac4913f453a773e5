package io.github.panicwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Turns JMH's JSON results into the Markdown tables of the README's "Performance" section: time and
 * bytes per operation, every ratio against its baseline from the same run, and each target of issues
 * 6 and 17 marked met or missed. Used by {@code benchmarks/run.sh}: {@code ResultsTable result.json...}. Suite 5
 * is not JMH: {@link WatcherPassThrough} prints its own table.
 */
public final class ResultsTable {
  /** The secondary metric of {@link ThreadCpuProfiler}. */
  private static final String CPU = "cpu.time.norm";

  private final List<JsonNode> results = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private ResultsTable(List<File> files) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<JsonNode>> byBenchmark = new LinkedHashMap<>();
    for (File file : files) {
      for (JsonNode row : json.readTree(file)) {
        String key = row.path("benchmark").asText() + row.path("params") + row.path("threads");
        byBenchmark.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    byBenchmark.values().forEach(rows -> results.add(rows.size() == 1 ? rows.get(0) : merged(rows)));
  }

  /**
   * One row from the passes of one benchmark (run.sh runs the log-call suites twice, the appenders
   * in opposite orders, so a slow drift of the machine cancels out of the ratios): the score and
   * its 99.9% error from all iterations of all forks, as JMH computes them for one run; bytes per
   * operation averaged.
   */
  private static JsonNode merged(List<JsonNode> passes) {
    List<Double> iterations = new ArrayList<>();
    double bytes = 0;
    double cpu = 0;
    for (JsonNode pass : passes) {
      pass.path("primaryMetric").path("rawData").forEach(fork -> fork.forEach(value -> iterations.add(value.asDouble())));
      bytes += bytes(pass) / passes.size();
      cpu += cpu(pass) / passes.size();
    }
    ListStatistics statistics = new ListStatistics(iterations.stream().mapToDouble(Double::doubleValue).toArray());
    ObjectNode row = passes.get(0).deepCopy();
    ObjectNode primary = (ObjectNode) row.path("primaryMetric");
    primary.put("score", statistics.getMean());
    primary.put("scoreError", statistics.getMeanErrorAt(0.999));
    primary.remove("rawData");
    ObjectNode secondary = (ObjectNode) row.path("secondaryMetrics");
    String norm = secondary.has("gc.alloc.rate.norm") ? "gc.alloc.rate.norm" : "·gc.alloc.rate.norm";
    if (secondary.has(norm)) {
      ((ObjectNode) secondary.path(norm)).put("score", bytes);
    }
    if (secondary.has(CPU)) {
      ((ObjectNode) secondary.path(CPU)).put("score", cpu);
    }
    return row;
  }

  public static void main(String[] args) throws IOException {
    List<File> files = new ArrayList<>();
    for (String arg : args) {
      files.add(new File(arg));
    }
    System.out.print(new ResultsTable(files).render());
  }

  private String render() {
    breadcrumbPath();
    log4j2Path();
    panicCapture();
    scrubbing();
    return out.toString();
  }

  private void breadcrumbPath() {
    if (find(r -> r.path("benchmark").asText().contains(".BreadcrumbPathBenchmark.")) == null) {
      return; // not run: no table (the Log4j2 suite alone, for one)
    }
    out.append("**1–2. One `log.info(template, a, b, c)` call** (Logback ")
        .append("context built in code; ratios against the no-op appender of the same row group)\n\n")
        .append("| appender | MDC entries | threads | ns/op | B/op | × no-op | B/op over no-op | CPU ns/op | CPU × no-op |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    String[] appenders = {LoggingFixture.NOOP, LoggingFixture.PANICWATCH, LoggingFixture.PANICWATCH_OFF, LoggingFixture.SENTRY};
    List<String> verdicts = new ArrayList<>();
    for (String method : new String[] {"infoCall", "infoCallTwoThreads"}) {
      for (String mdc : new String[] {"0", "3"}) {
        JsonNode noop = path(method, LoggingFixture.NOOP, mdc);
        for (String appender : appenders) {
          JsonNode row = path(method, appender, mdc);
          if (row == null) {
            continue;
          }
          out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %s | %s | %.1f | %s |%n",
              appender, mdc, row.path("threads").asInt(), score(row), bytes(row),
              noop == null ? "" : ratio(time(row) / time(noop)),
              noop == null ? "" : String.format(Locale.ROOT, "%+.0f", bytes(row) - bytes(noop)),
              cpu(row), noop == null ? "" : ratio(cpu(row) / cpu(noop))));
        }
        JsonNode panicwatch = path(method, LoggingFixture.PANICWATCH, mdc);
        JsonNode off = path(method, LoggingFixture.PANICWATCH_OFF, mdc);
        JsonNode sentry = path(method, LoggingFixture.SENTRY, mdc);
        String where = (method.equals("infoCall") ? "1 thread" : "2 threads") + ", MDC " + mdc;
        if (method.equals("infoCall") && panicwatch != null && noop != null) {
          verdicts.add(verdict("Panicwatch ≤ 1.3× no-op (" + where + ")", time(panicwatch) / time(noop), 1.3, true)
              + cpuRatio(panicwatch, noop));
          verdicts.add(verdict("Panicwatch ≤ +96 B/op over no-op (" + where + ")", bytes(panicwatch) - bytes(noop), 96, true));
        }
        if (method.equals("infoCall") && panicwatch != null && sentry != null) {
          verdicts.add(verdict("SentryAppender ≥ 4× Panicwatch (" + where + ")", time(sentry) / time(panicwatch), 4, false));
        }
        if (method.equals("infoCall") && off != null && noop != null) {
          verdicts.add(verdict("enableSentry=false ≤ 1.05× no-op (" + where + ")", time(off) / time(noop), 1.05, true)
              + cpuRatio(off, noop));
          verdicts.add(verdict("enableSentry=false allocates nothing extra (" + where + ")", bytes(off) - bytes(noop), 0, true));
        }
        JsonNode single = path("infoCall", LoggingFixture.PANICWATCH, mdc);
        if (method.equals("infoCallTwoThreads") && panicwatch != null && single != null) {
          verdicts.add(verdict("Panicwatch at 2 threads ≤ 1.3× its 1-thread time (MDC " + mdc + ")", time(panicwatch) / time(single), 1.3, true)
              + cpuRatio(panicwatch, single));
        }
      }
    }
    out.append('\n');
    verdicts.forEach(line -> out.append("- ").append(line).append('\n'));
  }

  /**
   * Suite 1 on Log4j2 (issue 17): Panicwatch instead of the {@code Null} appender, and beside a
   * pattern {@code File} appender, each against its own floor from the same run. Two {@code File}
   * appenders: as {@code log4j2.xml} declares it by default, the one users run, and the cheapest
   * there is, beside which any cost shows most; the references (a second appender, the bare copy)
   * stand beside the cheapest.
   */
  private void log4j2Path() {
    if (log4j2Path(Log4j2LoggingFixture.NULL, "0") == null) {
      return;
    }
    out.append("\n**1 on Log4j2. One `log.info(template, a, b, c)` call**, synchronous loggers in garbage-free mode ")
        .append("(context built in code; `panicwatch` against `null`, Log4j2's `Null` appender; `logfile+panicwatch` against ")
        .append("`logfile`, a pattern `File` appender with Log4j2's defaults: a log file, flushed after every line; ")
        .append("`file+…` against `file`, the cheapest pattern `File` appender: buffered, flushed when full, to `/dev/null`)\n\n")
        .append("| appenders | context entries | ns/op | B/op | × floor | B/op over floor | CPU ns/op | CPU × floor |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (String context : new String[] {"0", "3"}) {
      JsonNode none = log4j2Path(Log4j2LoggingFixture.NULL, context);
      JsonNode alone = log4j2Path(Log4j2LoggingFixture.PANICWATCH, context);
      JsonNode logFile = log4j2Path(Log4j2LoggingFixture.LOG_FILE, context);
      JsonNode besideLogFile = log4j2Path(Log4j2LoggingFixture.LOG_FILE_AND_PANICWATCH, context);
      JsonNode file = log4j2Path(Log4j2LoggingFixture.FILE, context);
      JsonNode beside = log4j2Path(Log4j2LoggingFixture.FILE_AND_PANICWATCH, context);
      JsonNode second = log4j2Path(Log4j2LoggingFixture.FILE_AND_NULL, context);
      JsonNode copy = log4j2Path(Log4j2LoggingFixture.COPY, context);
      JsonNode copyBeside = log4j2Path(Log4j2LoggingFixture.FILE_AND_COPY, context);
      log4j2Row(Log4j2LoggingFixture.NULL, context, none, none);
      log4j2Row(Log4j2LoggingFixture.PANICWATCH, context, alone, none);
      log4j2Row(Log4j2LoggingFixture.COPY, context, copy, none);
      log4j2Row(Log4j2LoggingFixture.LOG_FILE, context, logFile, logFile);
      log4j2Row(Log4j2LoggingFixture.LOG_FILE_AND_PANICWATCH, context, besideLogFile, logFile);
      log4j2Row(Log4j2LoggingFixture.FILE, context, file, file);
      log4j2Row(Log4j2LoggingFixture.FILE_AND_PANICWATCH, context, beside, file);
      log4j2Row(Log4j2LoggingFixture.FILE_AND_NULL, context, second, file);
      log4j2Row(Log4j2LoggingFixture.FILE_AND_COPY, context, copyBeside, file);
      String where = "context " + context;
      if (alone != null && none != null) {
        verdicts.add(verdict("Panicwatch ≤ 1.2× the Null appender (" + where + ")", time(alone) / time(none), 1.2, true)
            + cpuRatio(alone, none));
        verdicts.add(verdict("Panicwatch ≤ +8 B/op over the Null appender (" + where + ")", bytes(alone) - bytes(none), 8, true));
        if (copy != null) {
          verdicts.add(copyReference("instead of the Null appender", where, copy, none, alone));
        }
      }
      if (besideLogFile != null && logFile != null) {
        verdicts.addAll(besideFile("a File appender with Log4j2's defaults (" + where + ")", besideLogFile, logFile));
      }
      if (beside != null && file != null) {
        verdicts.addAll(besideFile("the cheapest File appender (" + where + ")", beside, file));
        if (second != null) {
          verdicts.add(String.format(Locale.ROOT,
              "reference: the Null appender beside the cheapest File appender (%s): %+.1f ns, CPU time %+.1f ns (what Log4j2 costs for a second appender); Panicwatch beside it: %+.1f ns over that, CPU time %+.1f ns",
              where, time(second) - time(file), cpu(second) - cpu(file), time(beside) - time(second), cpu(beside) - cpu(second)));
        }
        if (copyBeside != null) {
          verdicts.add(copyReference("beside the cheapest File appender", where, copyBeside, file, beside));
        }
      }
    }
    out.append('\n');
    verdicts.forEach(line -> out.append("- ").append(line).append('\n'));
  }

  /**
   * Issue 17's two figures beside a {@code File} appender, against that appender alone: at most +8
   * B/op, and no measurable time (the difference lies within the two scores' 99.9% error margins).
   */
  private static List<String> besideFile(String file, JsonNode beside, JsonNode floor) {
    String what = "Panicwatch beside " + file;
    double difference = time(beside) - time(floor);
    double margin = error(beside) + error(floor);
    return List.of(
        verdict(what + " ≤ +8 B/op", bytes(beside) - bytes(floor), 8, true),
        String.format(Locale.ROOT, "%s %s takes no measurable time: %+.1f ns, margin ± %.1f ns (%s); CPU time %+.1f ns",
            difference <= margin ? "met" : "**missed**", what, difference, margin, ratio(time(beside) / time(floor)),
            cpu(beside) - cpu(floor)));
  }

  /**
   * The message-copy appender against its floor, and Panicwatch against it: how much of
   * Panicwatch's time is the copy at the call that issue 17 asks for, and how much the ring's own.
   */
  private static String copyReference(String how, String where, JsonNode copy, JsonNode floor, JsonNode panicwatch) {
    String line = String.format(Locale.ROOT,
        "reference: an appender that only copies the message at the call, %s (%s): %+.1f ns, margin ± %.1f ns, CPU time %+.1f ns (the least a breadcrumb formatted at the call costs)",
        how, where, time(copy) - time(floor), error(copy) + error(floor), cpu(copy) - cpu(floor));
    return panicwatch == null
        ? line
        : line + String.format(Locale.ROOT, "; Panicwatch: %+.1f ns over that, CPU time %+.1f ns (the ring's own share)",
            time(panicwatch) - time(copy), cpu(panicwatch) - cpu(copy));
  }

  private void log4j2Row(String appenders, String context, JsonNode row, JsonNode floor) {
    if (row == null) {
      return;
    }
    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %s | %s | %.1f | %s |%n",
        appenders, context, score(row), bytes(row),
        floor == null ? "" : ratio(time(row) / time(floor)),
        floor == null ? "" : String.format(Locale.ROOT, "%+.0f", bytes(row) - bytes(floor)),
        cpu(row), floor == null ? "" : ratio(cpu(row) / cpu(floor))));
  }

  private JsonNode log4j2Path(String appenders, String context) {
    return find(r -> r.path("benchmark").asText().endsWith("Log4j2BreadcrumbPathBenchmark.infoCall")
        && appenders.equals(r.path("params").path("appender").asText())
        && context.equals(r.path("params").path("contextEntries").asText()));
  }

  private void panicCapture() {
    List<JsonNode> panics = new ArrayList<>();
    for (JsonNode row : results) {
      if (row.path("benchmark").asText().endsWith("PanicCaptureBenchmark.panic")) {
        panics.add(row);
      }
    }
    if (panics.isEmpty()) {
      return;
    }
    out.append("\n**3. One panic logged through each framework's appender**, 100 breadcrumbs in the ring written by ")
        .append("the same appender: selection, snapshot, hand-off to the delivery thread, event, SDK processing, ")
        .append("scrubbing, serialisation, hand-off to the transport (µs, JMH SampleTime)\n\n")
        .append("| ring filled by | samples | median | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (JsonNode panic : panics) {
      String framework = panic.path("params").path("framework").asText();
      JsonNode percentiles = panic.path("primaryMetric").path("scorePercentiles");
      double median = percentiles.path("50.0").asDouble();
      out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
          framework, samples(panic), median, percentiles.path("90.0").asDouble(), percentiles.path("99.0").asDouble(),
          percentiles.path("99.9").asDouble(), percentiles.path("100.0").asDouble()));
      verdicts.add(verdict("median ≤ 200 µs (" + framework + ")", median, 200, true));
    }
    out.append('\n');
    verdicts.forEach(line -> out.append("- ").append(line).append('\n'));
  }

  private void scrubbing() {
    if (find(r -> r.path("benchmark").asText().contains("ScrubBenchmark.")) == null) {
      return;
    }
    out.append("\n**4. Scrubbing throughput**, line by line over 200 realistic log lines ")
        .append("(MB/s; logstash-logback-encoder's regex masking as the baseline: with a regex for each of ")
        .append("Panicwatch's rules, and with the five rules of earlier runs)\n\n")
        .append("| corpus | bytes/pass | Panicwatch MB/s | logstash MB/s, same rules | Panicwatch × logstash ")
        .append("| logstash MB/s, five rules | Panicwatch × logstash (five rules) |\n|---|---|---|---|---|---|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (String corpus : new String[] {"clean", "secrets"}) {
      JsonNode ours = scrub("panicwatch", corpus);
      JsonNode theirs = scrub("logstash", corpus);
      if (ours == null || theirs == null) {
        continue;
      }
      JsonNode five = scrub("logstashFiveRules", corpus);
      long bytes = ScrubCorpus.bytes(corpus);
      double oursMbs = bytes / micros(ours);
      double theirsMbs = bytes / micros(theirs);
      double fiveMbs = five == null ? Double.NaN : bytes / micros(five);
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s | %s | %s |%n",
          corpus, bytes, oursMbs, theirsMbs, ratio(oursMbs / theirsMbs),
          five == null ? "" : String.format(Locale.ROOT, "%.1f", fiveMbs), five == null ? "" : ratio(oursMbs / fiveMbs)));
      if (corpus.equals("clean")) {
        verdicts.add(verdict("clean text ≥ 25× logstash with the same rules", oursMbs / theirsMbs, 25, false));
      }
    }
    out.append('\n');
    verdicts.forEach(line -> out.append("- ").append(line).append('\n'));
  }

  private JsonNode path(String method, String appender, String mdc) {
    return find(r -> r.path("benchmark").asText().endsWith(".BreadcrumbPathBenchmark." + method)
        && appender.equals(r.path("params").path("appender").asText())
        && mdc.equals(r.path("params").path("mdcEntries").asText()));
  }

  private JsonNode scrub(String method, String corpus) {
    return find(r -> r.path("benchmark").asText().endsWith("ScrubBenchmark." + method)
        && corpus.equals(r.path("params").path("corpus").asText()));
  }

  private JsonNode find(Predicate<JsonNode> wanted) {
    return results.stream().filter(wanted).findFirst().orElse(null);
  }

  private static double time(JsonNode row) {
    return row.path("primaryMetric").path("score").asDouble();
  }

  /** Microseconds per operation, whatever unit the run used. */
  private static double micros(JsonNode row) {
    String unit = row.path("primaryMetric").path("scoreUnit").asText();
    double score = time(row);
    return unit.startsWith("ns") ? score / 1_000 : unit.startsWith("ms") ? score * 1_000 : score;
  }

  /** CPU time of the benchmark's threads per operation ({@link ThreadCpuProfiler}); NaN without it. */
  private static double cpu(JsonNode row) {
    return row.path("secondaryMetrics").path(CPU).path("score").asDouble(Double.NaN);
  }

  /** The same ratio in CPU time, to print beside a wall-time verdict; empty without the profiler. */
  private static String cpuRatio(JsonNode row, JsonNode floor) {
    double ratio = cpu(row) / cpu(floor);
    return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, " (CPU time: %.2f)", ratio);
  }

  /** The 99.9% error margin of the score, 0 when JMH could not compute one. */
  private static double error(JsonNode row) {
    double error = row.path("primaryMetric").path("scoreError").asDouble();
    return Double.isNaN(error) ? 0 : error;
  }

  private static String score(JsonNode row) {
    JsonNode metric = row.path("primaryMetric");
    double error = metric.path("scoreError").asDouble();
    return Double.isNaN(error) || error == 0
        ? String.format(Locale.ROOT, "%.1f", metric.path("score").asDouble())
        : String.format(Locale.ROOT, "%.1f ± %.1f", metric.path("score").asDouble(), error);
  }

  /** Bytes allocated per operation, to the byte: JMH's normalisation leaves fractions of noise. */
  private static double bytes(JsonNode row) {
    JsonNode secondary = row.path("secondaryMetrics");
    JsonNode norm = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm") : secondary.path("·gc.alloc.rate.norm");
    return Math.round(norm.path("score").asDouble(Double.NaN));
  }

  private static long samples(JsonNode row) {
    long total = 0;
    for (JsonNode iteration : row.path("primaryMetric").path("rawDataHistogram")) {
      for (JsonNode bucketList : iteration) {
        for (JsonNode bucket : bucketList) {
          total += bucket.get(1).asLong();
        }
      }
    }
    return total;
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }

  private static String verdict(String target, double value, double limit, boolean atMost) {
    boolean met = atMost ? value <= limit : value >= limit;
    return String.format(Locale.ROOT, "%s %s: %.2f", met ? "met" : "**missed**", target, value);
  }
}
