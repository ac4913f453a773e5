package io.github.panicwatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Suite 5 of issue 6, outside JMH because the thing measured is two processes: the wall time of a
 * child writing lots of stderr lines ({@link LogWritingChild}), run directly and run under {@code
 * java -jar panic-watch.jar --config logback.xml -- child} with reporting on (an outbox in a temp
 * directory), alternating, from process start to exit. Both runs send stdout and stderr to the
 * same discard; one untimed pair first pipes them here instead and compares their SHA-256, so the
 * watcher is also shown to pass the bytes through unchanged. Prints a Markdown section and writes
 * the raw timings, each with the load average just before it, as JSON.
 *
 * <p>{@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.WatcherPassThrough
 * panic-watch.jar runs bytes result.json}
 */
public final class WatcherPassThrough {
  /** The target of issue 6: the watched run takes at most this many times the direct one. */
  static final double TARGET = 1.1;

  private final List<String> direct;
  private final List<String> watched;

  private WatcherPassThrough(List<String> direct, List<String> watched) {
    this.direct = direct;
    this.watched = watched;
  }

  public static void main(String[] args) throws Exception {
    Path watcherJar = Path.of(args[0]).toAbsolutePath();
    int runs = Integer.parseInt(args[1]);
    long bytes = Long.parseLong(args[2]);
    File json = new File(args[3]);
    Path dir = Files.createTempDirectory("panicwatch-pass-through-");
    try {
      Path outbox = dir.resolve("outbox.jsonl");
      Path config = dir.resolve("logback.xml");
      Files.writeString(config, """
          <configuration>
            <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
              <enableSentry>true</enableSentry>
              <outbox>%s</outbox>
            </appender>
          </configuration>
          """.formatted(outbox));
      List<String> child = List.of(java(), "-cp", System.getProperty("java.class.path"),
          LogWritingChild.class.getName(), Long.toString(bytes));
      List<String> watched = new ArrayList<>(List.of(java(), "-jar", watcherJar.toString(), "--config", config.toString(), "--"));
      watched.addAll(child);
      System.out.print(new WatcherPassThrough(child, watched).measure(runs, bytes, json));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private String measure(int runs, long bytes, File json) throws Exception {
    Output directOutput = hashed(direct);
    Output watchedOutput = hashed(watched);
    boolean identical = directOutput.equals(watchedOutput) && directOutput.stderrBytes() == bytes;
    List<Run> directRuns = new ArrayList<>();
    List<Run> watchedRuns = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      directRuns.add(timed(direct));
      watchedRuns.add(timed(watched));
    }
    double directMedian = median(directRuns);
    double watchedMedian = median(watchedRuns);
    double ratio = watchedMedian / directMedian;
    writeJson(json, bytes, directRuns, watchedRuns, directMedian, watchedMedian, ratio, identical, directOutput, watchedOutput);
    return markdown(runs, bytes, directRuns, watchedRuns, directMedian, watchedMedian, ratio, identical, directOutput, watchedOutput);
  }

  /** One timed run, output discarded. */
  private static Run timed(List<String> command) throws IOException, InterruptedException {
    String load = loadAverage();
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    long started = System.nanoTime();
    int exitCode = builder.start().waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exitCode != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode);
    }
    return new Run(seconds, load);
  }

  /** One untimed run whose stdout and stderr are read here and hashed. */
  private static Output hashed(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<Digest> stdout = CompletableFuture.supplyAsync(() -> digest(process.getInputStream()));
    CompletableFuture<Digest> stderr = CompletableFuture.supplyAsync(() -> digest(process.getErrorStream()));
    int exitCode = process.waitFor();
    if (exitCode != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exitCode);
    }
    return new Output(stdout.join().sha256(), stdout.join().bytes(), stderr.join().sha256(), stderr.join().bytes());
  }

  private static Digest digest(InputStream stream) {
    try (stream) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[65_536];
      long total = 0;
      for (int count; (count = stream.read(buffer)) != -1; total += count) {
        sha.update(buffer, 0, count);
      }
      return new Digest(HexFormat.of().formatHex(sha.digest()), total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void writeJson(File json, long bytes, List<Run> directRuns, List<Run> watchedRuns, double directMedian,
      double watchedMedian, double ratio, boolean identical, Output directOutput, Output watchedOutput) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("suite", "watcher-pass-through");
    root.put("stderrBytes", bytes);
    root.putPOJO("direct", String.join(" ", direct));
    root.putPOJO("watched", String.join(" ", watched));
    root.set("directRuns", runs(mapper, directRuns));
    root.set("watchedRuns", runs(mapper, watchedRuns));
    root.put("directMedianSeconds", directMedian);
    root.put("watchedMedianSeconds", watchedMedian);
    root.put("ratio", ratio);
    root.put("outputIdentical", identical);
    root.putPOJO("directOutput", directOutput);
    root.putPOJO("watchedOutput", watchedOutput);
    mapper.writerWithDefaultPrettyPrinter().writeValue(json, root);
  }

  private static ArrayNode runs(ObjectMapper mapper, List<Run> runs) {
    ArrayNode array = mapper.createArrayNode();
    runs.forEach(run -> array.addObject().put("seconds", run.seconds()).put("loadAverage", run.loadAverage()));
    return array;
  }

  private static String markdown(int runs, long bytes, List<Run> directRuns, List<Run> watchedRuns, double directMedian,
      double watchedMedian, double ratio, boolean identical, Output directOutput, Output watchedOutput) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n**5. Watcher pass-through**: a child JVM writes %d MB of log lines to stderr, ",
            bytes >> 20))
        .append(String.format(Locale.ROOT, "%d times directly and %d times under `panic-watch` (reporting on, ", runs, runs))
        .append("to an outbox), alternating; output discarded in both; wall time from start to exit (s)\n\n")
        .append("| run | direct s | watched s | load average before (direct / watched) |\n|---|---|---|---|\n");
    for (int i = 0; i < runs; i++) {
      out.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %s / %s |%n", i + 1, directRuns.get(i).seconds(),
          watchedRuns.get(i).seconds(), directRuns.get(i).loadAverage(), watchedRuns.get(i).loadAverage()));
    }
    out.append(String.format(Locale.ROOT, "| **median** | **%.2f** | **%.2f** | |%n%n", directMedian, watchedMedian))
        .append(String.format(Locale.ROOT, "- %s watched ≤ %.1f× direct (median): %.2f%n",
            ratio <= TARGET ? "met" : "**missed**", TARGET, ratio))
        .append(String.format(Locale.ROOT, "- %s output identical with and without the watcher "
                + "(stderr %d and %d bytes, SHA-256 %s%s; stdout %d and %d bytes)%n",
            identical ? "met" : "**missed**", directOutput.stderrBytes(), watchedOutput.stderrBytes(),
            directOutput.stderrSha256().substring(0, 16),
            directOutput.stderrSha256().equals(watchedOutput.stderrSha256()) ? " both" : " vs " + watchedOutput.stderrSha256().substring(0, 16),
            directOutput.stdoutBytes(), watchedOutput.stdoutBytes()));
    return out.toString();
  }

  private static double median(List<Run> runs) {
    double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
    int middle = seconds.length / 2;
    return seconds.length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
  }

  /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Run(double seconds, String loadAverage) {}

  private record Digest(String sha256, long bytes) {}

  /** What one run wrote, by hash and length. */
  record Output(String stdoutSha256, long stdoutBytes, String stderrSha256, long stderrBytes) {}
}
