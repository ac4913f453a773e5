package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.Scrubber;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Suite 4: scrubbing throughput over realistic log text, line by line as events carry it:
 * Panicwatch's {@link Scrubber} with its default rules against logstash-logback-encoder's regex
 * masking with the same rules ({@link LogstashMasking#sameRules()}), and with the five rules of
 * earlier runs. One operation is one pass over the corpus;
 * the results table turns time per pass into MB/s with {@link ScrubCorpus#bytes}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ScrubBenchmark {
  @Param({"clean", "secrets"})
  public String corpus;

  private List<String> lines;
  private final Scrubber scrubber = Scrubber.compile(new ScrubOptions());
  private final LogstashMasking logstash = LogstashMasking.sameRules();
  private final LogstashMasking logstashFiveRules = LogstashMasking.fiveRules();

  @Setup
  public void load() {
    lines = ScrubCorpus.lines(corpus);
    // a scrubber that misses a secret would be fast for the wrong reason
    checkRemovesSecrets("panicwatch", scrubber::scrub);
    checkRemovesSecrets("logstash", logstash::mask);
    if ("clean".equals(corpus)) {
      // the smaller set misses the newer kinds of secret; it is measured on clean text only
      checkRemovesSecrets("logstash, five rules", logstashFiveRules::mask);
    }
  }

  private void checkRemovesSecrets(String name, UnaryOperator<String> rule) {
    for (String line : lines) {
      String scrubbed = rule.apply(line);
      for (String secret : ScrubCorpus.SECRET_VALUES) {
        if (scrubbed.contains(secret)) {
          throw new IllegalStateException(name + " left [" + secret + "] in: " + scrubbed);
        }
      }
    }
  }

  @Benchmark
  public void panicwatch(Blackhole out) {
    for (String line : lines) {
      out.consume(scrubber.scrub(line));
    }
  }

  @Benchmark
  public void logstash(Blackhole out) {
    for (String line : lines) {
      out.consume(logstash.mask(line));
    }
  }

  /** The baseline of earlier runs, for comparison with them: five rules (see LogstashMasking). */
  @Benchmark
  public void logstashFiveRules(Blackhole out) {
    for (String line : lines) {
      out.consume(logstashFiveRules.mask(line));
    }
  }
}
