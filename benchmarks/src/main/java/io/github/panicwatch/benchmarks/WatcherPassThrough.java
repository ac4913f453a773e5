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
 * directory), from process start to exit, for two sinks: {@code /dev/null} (the watcher pumps
 * every byte through its JVM) and a regular file in the temp directory, truncated before each run
 * (file mode: the child writes the file itself and the watcher reads it back). A third variant,
 * the child piped into {@code cat > /dev/null}, is the floor of any process reading a pipe. A
 * second child, {@link LogbackWritingChild}, writes the same amount the way services do, through
 * Logback's console appender, directly, watched and piped into {@code cat}, to {@code /dev/null}. All
 * variants alternate, round by round. The output is checked to be unchanged: for {@code /dev/null}
 * by one untimed pair piped here and compared by SHA-256, for the file by hashing the file after
 * each timed run. Prints a Markdown section and writes the raw timings, each with the load average
 * just before it, as JSON.
 *
 * <p>{@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.WatcherPassThrough
 * panic-watch.jar runs bytes result.json}
 */
public final class WatcherPassThrough {
  /** The target of issue 6: the watched run takes at most this many times the direct one. */
  static final double TARGET = 1.1;

  private final List<String> direct;
  private final List<String> watched;
  private final List<String> logbackDirect;
  private final List<String> logbackWatched;
  private final Path file;

  private WatcherPassThrough(
      List<String> direct, List<String> watched, List<String> logbackDirect, List<String> logbackWatched, Path file) {
    this.direct = direct;
    this.watched = watched;
    this.logbackDirect = logbackDirect;
    this.logbackWatched = logbackWatched;
    this.file = file;
  }

  public static void main(String[] args) throws Exception {
    Path watcherJar = Path.of(args[0]).toAbsolutePath();
    int runs = Integer.parseInt(args[1]);
    long bytes = Long.parseLong(args[2]);
    File json = new File(args[3]);
    Path dir = Files.createTempDirectory("panicwatch-pass-through-");
    try {
      Path outbox = dir.resolve("outbox.jsonl");
      Path config = watcherConfig(dir, outbox);
      List<String> child = List.of(java(), "-cp", System.getProperty("java.class.path"),
          LogWritingChild.class.getName(), Long.toString(bytes));
      List<String> watcher = List.of(java(), "-jar", watcherJar.toString(), "--config", config.toString(), "--");
      List<String> logbackChild = List.of(java(), "-cp", System.getProperty("java.class.path"),
          LogbackWritingChild.class.getName(), Long.toString(bytes));
      System.out.print(new WatcherPassThrough(child, concat(watcher, child), logbackChild,
          concat(watcher, logbackChild), dir.resolve("sink.log")).measure(runs, bytes, json));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** The command with its stderr piped into {@code cat > /dev/null}, its stdout to {@code /dev/null}. */
  /**
   * Writes the watcher's configuration for a benchmark into {@code dir}: reporting on, to {@code
   * outbox} (no network); suites 5 and 7 run the watcher with it.
   */
  static Path watcherConfig(Path dir, Path outbox) throws IOException {
    Path config = dir.resolve("logback.xml");
    Files.writeString(config, """
        <configuration>
          <appender name="PANIC" class="io.github.panicwatch.logback.PanicAppender">
            <enableSentry>true</enableSentry>
            <outbox>%s</outbox>
          </appender>
        </configuration>
        """.formatted(outbox));
    return config;
  }

  private static List<String> pipedIntoCat(List<String> command) {
    return concat(List.of("sh", "-c", "\"$@\" 2>&1 >/dev/null | cat >/dev/null", "sh"), command);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /** One way of running the child: a command and where its stderr goes. */
  private record Variant(String name, List<String> command, boolean toFile, List<Run> runs) {
    Variant(String name, List<String> command, boolean toFile) {
      this(name, command, toFile, new ArrayList<>());
    }

    double median() {
      double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
      int middle = seconds.length / 2;
      return seconds.length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
    }
  }

  private String measure(int runs, long bytes, File json) throws Exception {
    Output directOutput = hashed(direct);
    Output watchedOutput = hashed(watched);
    boolean identical = directOutput.equals(watchedOutput) && directOutput.stderrBytes() == bytes;
    List<String> piped = pipedIntoCat(direct);
    Variant directNull = new Variant("direct, /dev/null", direct, false);
    Variant watchedNull = new Variant("watched, /dev/null", watched, false);
    Variant pipedNull = new Variant("direct piped into cat, /dev/null", piped, false);
    Variant directFile = new Variant("direct, file", direct, true);
    Variant watchedFile = new Variant("watched, file", watched, true);
    Variant logbackDirectNull = new Variant("Logback child direct, /dev/null", logbackDirect, false);
    Variant logbackWatchedNull = new Variant("Logback child watched, /dev/null", logbackWatched, false);
    Variant logbackPipedNull = new Variant("Logback child piped into cat, /dev/null", pipedIntoCat(logbackDirect), false);
    List<Variant> variants = List.of(directNull, watchedNull, pipedNull, directFile, watchedFile, logbackDirectNull,
        logbackWatchedNull, logbackPipedNull);
    List<String> fileHashes = new ArrayList<>(); // of every file run, direct and watched
    for (int i = 0; i < runs; i++) {
      for (Variant variant : variants) {
        variant.runs().add(timed(variant.command(), variant.toFile() ? file : null));
        if (variant.toFile()) {
          Digest digest = digest(Files.newInputStream(file));
          fileHashes.add(digest.bytes() == bytes ? digest.sha256() : digest.sha256() + " (" + digest.bytes() + " bytes)");
        }
      }
    }
    boolean fileIdentical = fileHashes.stream().allMatch(directOutput.stderrSha256()::equals);
    Results results = new Results(runs, bytes, variants, directNull.median(), watchedNull.median(), pipedNull.median(),
        directFile.median(), watchedFile.median(), logbackDirectNull.median(), logbackWatchedNull.median(),
        logbackPipedNull.median(), identical,
        directOutput, watchedOutput, fileIdentical, fileHashes);
    writeJson(json, results);
    return markdown(results);
  }

  /** What one measurement found. */
  private record Results(int runs, long bytes, List<Variant> variants, double directNull, double watchedNull,
      double pipedNull, double directFile, double watchedFile, double logbackDirectNull, double logbackWatchedNull,
      double logbackPipedNull, boolean identical, Output directOutput,
      Output watchedOutput, boolean fileIdentical, List<String> fileHashes) {}

  /** One timed run, stdout discarded, stderr discarded or into {@code file} (truncated first). */
  private static Run timed(List<String> command, Path file) throws IOException, InterruptedException {
    String load = loadAverage();
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(file == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(file.toFile()));
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

  private void writeJson(File json, Results results) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("suite", "watcher-pass-through");
    root.put("stderrBytes", results.bytes());
    root.putPOJO("direct", String.join(" ", direct));
    root.putPOJO("watched", String.join(" ", watched));
    ArrayNode variants = root.putArray("variants");
    for (Variant variant : results.variants()) {
      ObjectNode node = variants.addObject();
      node.put("name", variant.name());
      node.put("stderr", variant.toFile() ? "regular file" : "/dev/null");
      node.putPOJO("command", String.join(" ", variant.command()));
      node.set("runs", runs(mapper, variant.runs()));
      node.put("medianSeconds", variant.median());
    }
    root.put("ratioDevNull", results.watchedNull() / results.directNull());
    root.put("ratioPipedIntoCat", results.pipedNull() / results.directNull());
    root.put("ratioFile", results.watchedFile() / results.directFile());
    root.put("ratioLogbackChildDevNull", results.logbackWatchedNull() / results.logbackDirectNull());
    root.put("ratioLogbackChildPipedIntoCat", results.logbackPipedNull() / results.logbackDirectNull());
    root.put("outputIdentical", results.identical());
    root.putPOJO("directOutput", results.directOutput());
    root.putPOJO("watchedOutput", results.watchedOutput());
    root.put("fileIdentical", results.fileIdentical());
    root.putPOJO("fileSha256s", results.fileHashes());
    mapper.writerWithDefaultPrettyPrinter().writeValue(json, root);
  }

  private static ArrayNode runs(ObjectMapper mapper, List<Run> runs) {
    ArrayNode array = mapper.createArrayNode();
    runs.forEach(run -> array.addObject().put("seconds", run.seconds()).put("loadAverage", run.loadAverage()));
    return array;
  }

  private static String markdown(Results results) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n**5. Watcher pass-through**: a child JVM writes %d MB of log lines to stderr, ",
            results.bytes() >> 20))
        .append(String.format(Locale.ROOT, "%d rounds, each running every variant once in this order: directly and under ",
            results.runs()))
        .append("`panic-watch` (reporting on, to an outbox) with stderr to `/dev/null` (the watcher pumps every byte), ")
        .append("the child piped into `cat > /dev/null` (the floor of any process in a pipe), then directly and watched ")
        .append("with stderr to a regular file, truncated before each run (file mode: the child writes the file itself, ")
        .append("the watcher reads it back), then a child logging the same amount through Logback's `ConsoleAppender` ")
        .append("(a pattern with the time, each event written and flushed on its own, as services log) directly and ")
        .append("watched, stderr to `/dev/null`, and piped into `cat`; stdout to `/dev/null`; wall time from start to exit (s)\n\n")
        .append("| round |");
    results.variants().forEach(variant -> out.append(' ').append(variant.name()).append(" |"));
    out.append(" load average before |\n|---|");
    results.variants().forEach(variant -> out.append("---|"));
    out.append("---|\n");
    for (int i = 0; i < results.runs(); i++) {
      out.append("| ").append(i + 1).append(" |");
      for (Variant variant : results.variants()) {
        out.append(String.format(Locale.ROOT, " %.2f |", variant.runs().get(i).seconds()));
      }
      out.append(' ').append(results.variants().get(0).runs().get(i).loadAverage()).append(" |\n");
    }
    out.append("| **median** |");
    results.variants().forEach(variant -> out.append(String.format(Locale.ROOT, " **%.2f** |", variant.median())));
    out.append(" |\n\n");
    double ratioNull = results.watchedNull() / results.directNull();
    double ratioFile = results.watchedFile() / results.directFile();
    double ratioLogback = results.logbackWatchedNull() / results.logbackDirectNull();
    out.append(String.format(Locale.ROOT, "- %s watched ≤ %.1f× direct, stderr to `/dev/null` (median): %.2f%n",
            ratioNull <= TARGET ? "met" : "**missed**", TARGET, ratioNull))
        .append(String.format(Locale.ROOT, "- reference: direct piped into `cat > /dev/null`: %.2f× direct "
            + "(what a process in the pipe costs at least)%n", results.pipedNull() / results.directNull()))
        .append(String.format(Locale.ROOT, "- %s watched ≤ %.1f× direct, stderr to a regular file (median): %.2f%n",
            ratioFile <= TARGET ? "met" : "**missed**", TARGET, ratioFile))
        .append(String.format(Locale.ROOT, "- %s watched ≤ %.1f× direct, the child logging through Logback, stderr to "
                + "`/dev/null` (median): %.2f%n",
            ratioLogback <= TARGET ? "met" : "**missed**", TARGET, ratioLogback))
        .append(String.format(Locale.ROOT, "- reference: the Logback child piped into `cat > /dev/null`: %.2f× direct; "
                + "watched: %.2f× that%n", results.logbackPipedNull() / results.logbackDirectNull(),
            results.logbackWatchedNull() / results.logbackPipedNull()))
        .append(String.format(Locale.ROOT, "- %s output identical with and without the watcher, `/dev/null` sink "
                + "(read here through pipes: stderr %d and %d bytes, SHA-256 %s%s; stdout %d and %d bytes)%n",
            results.identical() ? "met" : "**missed**", results.directOutput().stderrBytes(),
            results.watchedOutput().stderrBytes(), results.directOutput().stderrSha256().substring(0, 16),
            results.directOutput().stderrSha256().equals(results.watchedOutput().stderrSha256())
                ? " both" : " vs " + results.watchedOutput().stderrSha256().substring(0, 16),
            results.directOutput().stdoutBytes(), results.watchedOutput().stdoutBytes()))
        .append(String.format(Locale.ROOT, "- %s file identical with and without the watcher, file sink "
                + "(SHA-256 of the file after each of the %d file runs %s)%n",
            results.fileIdentical() ? "met" : "**missed**", results.fileHashes().size(),
            results.fileIdentical() ? "the same as the direct stderr above" : String.join(", ", results.fileHashes())));
    return out.toString();
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
