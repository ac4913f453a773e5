package io.github.panicwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suite 7 of issue 16: the watcher's own footprint, beside suite 5's pass-through. The watcher
 * ({@code java [flags] -jar panic-watch.jar --config logback.xml -- child}, reporting on, to an
 * outbox) runs a child that logs to stderr at a steady {@value #BYTES_PER_SECOND} bytes per second
 * ({@link PacedLogChild}; stderr to {@code /dev/null}, so the watcher pumps every byte); its
 * resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) is read every {@value
 * #SAMPLE_MILLIS} ms. Steady is the median of the readings after the first {@value
 * #WARM_UP_SECONDS} s. Then suite 5's 200 MB, written as fast as the child can, with the most
 * resident memory while the watcher pumps them and the time it takes (what the flags cost); and a
 * run that ends in an uncaught exception, whose peak ({@code VmHWM} just before the watcher exits)
 * includes building the reporting engine and reporting. Each round runs every flag set once: the
 * JVM's defaults (the heap sized from the machine's or the container's memory) and the README's
 * flags. Prints a Markdown section.
 *
 * <p>{@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.WatcherFootprint panic-watch.jar rounds seconds}
 */
public final class WatcherFootprint {
  /** The goal of issue 16: at most this many MB resident, steady, with the README's flags. */
  static final double GOAL_MB = 64;
  /** The flags the README gives the watcher's own JVM. */
  static final List<String> README_FLAGS = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  static final long BYTES_PER_SECOND = 10L << 20;
  static final long PASS_THROUGH_BYTES = 200L << 20;
  static final long SAMPLE_MILLIS = 50;
  static final long WARM_UP_SECONDS = 2;

  private WatcherFootprint() {}

  /** One JVM configuration of the watcher and what it measured. */
  private record Variant(String name, List<String> flags, List<Double> steady, List<Double> maxWhilePumping,
      List<Double> peakWithReport, List<Double> passThroughSeconds) {
    Variant(String name, List<String> flags) {
      this(name, flags, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  /** What the readings of one run gave, in MB, and how long it took. */
  private record Memory(double steady, double max, double peak, double seconds) {}

  public static void main(String[] args) throws Exception {
    Path watcherJar = Path.of(args[0]).toAbsolutePath();
    int rounds = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    Path dir = Files.createTempDirectory("panicwatch-footprint-");
    try {
      Path config = WatcherPassThrough.watcherConfig(dir, dir.resolve("outbox.jsonl"));
      List<Variant> variants = List.of(new Variant("JVM defaults", List.of()), new Variant("README flags", README_FLAGS));
      for (int round = 0; round < rounds; round++) {
        for (Variant variant : variants) {
          List<String> watcher = new ArrayList<>(List.of(java()));
          watcher.addAll(variant.flags());
          watcher.addAll(List.of("-jar", watcherJar.toString(), "--config", config.toString(), "--"));
          Memory steady = measure(concat(watcher, child(PacedLogChild.class, seconds, BYTES_PER_SECOND)), 0);
          Memory crash = measure(concat(watcher, child(PacedLogChild.class, WARM_UP_SECONDS + 1, BYTES_PER_SECOND, "crash")), 1);
          Memory passThrough = measure(concat(watcher, child(LogWritingChild.class, PASS_THROUGH_BYTES)), 0);
          variant.steady().add(steady.steady());
          variant.maxWhilePumping().add(passThrough.max());
          variant.peakWithReport().add(crash.peak());
          variant.passThroughSeconds().add(passThrough.seconds());
        }
      }
      System.out.print(markdown(variants, rounds, seconds));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Runs {@code command} with stdout and stderr to {@code /dev/null}, reading the watcher's memory meanwhile. */
  private static Memory measure(List<String> command, int expectedExit) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process watcher = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Path status = Path.of("/proc", Long.toString(watcher.pid()), "status");
    long warmedUp = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
    List<Double> steady = new ArrayList<>();
    double max = 0;
    double peak = 0;
    while (watcher.isAlive()) {
      long[] memory = readKb(status);
      if (memory != null) {
        double rss = memory[0] / 1024.0;
        max = Math.max(max, rss);
        peak = Math.max(peak, memory[1] / 1024.0);
        if (System.nanoTime() > warmedUp) {
          steady.add(rss);
        }
      }
      Thread.sleep(SAMPLE_MILLIS);
    }
    int exitCode = watcher.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exitCode != expectedExit) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode);
    }
    return new Memory(median(steady), max, peak, seconds);
  }

  /** {@code VmRSS} and {@code VmHWM} in kB, or {@code null} once the process is gone. */
  private static long[] readKb(Path status) {
    try {
      long rss = -1;
      long hwm = -1;
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        } else if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return rss < 0 || hwm < 0 ? null : new long[] {rss, hwm};
    } catch (IOException | RuntimeException e) {
      return null; // exited meanwhile
    }
  }

  private static String markdown(List<Variant> variants, int rounds, long seconds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n**7. Watcher footprint**: the watcher's resident memory (`VmRSS`, MB) while "
            + "its child logs %d MB/s to stderr for %d s (the watcher pumps every byte; steady: median after the first "
            + "%d s), the most while it pumps suite 5's %d MB as fast as the child writes them, and the time that takes (s), "
            + "and its peak (`VmHWM`) over a run that ends in an uncaught exception the watcher reports; medians of %d "
            + "rounds, each flag set once per round; README flags: `%s`%n%n",
            BYTES_PER_SECOND >> 20, seconds, WARM_UP_SECONDS, PASS_THROUGH_BYTES >> 20, rounds, String.join(" ", README_FLAGS)))
        .append("| watcher JVM | steady RSS | max RSS pumping 200 MB | 200 MB pass-through (s) | peak with a crash report |\n")
        .append("|---|---|---|---|---|\n");
    for (Variant variant : variants) {
      out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f |%n", variant.name(),
          median(variant.steady()), median(variant.maxWhilePumping()), median(variant.passThroughSeconds()),
          median(variant.peakWithReport())));
    }
    Variant readme = variants.get(variants.size() - 1);
    double steady = median(readme.steady());
    out.append(String.format(Locale.ROOT, "%n- %s steady RSS ≤ %.0f MB with the README's flags: %.1f MB%n",
        steady <= GOAL_MB ? "met" : "**missed**", GOAL_MB, steady));
    out.append(String.format(Locale.ROOT, "- reference: pass-through with the README's flags: %.2f× the JVM defaults'%n",
        median(readme.passThroughSeconds()) / median(variants.get(0).passThroughSeconds())));
    return out.toString();
  }

  private static List<String> child(Class<?> main, Object... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), main.getName()));
    Arrays.stream(args).map(String::valueOf).forEach(command::add);
    return command;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
