package io.github.panicwatch.examples.springboot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo's fat jar run as a user runs it, {@code java -jar}, in a folder of its own (where its
 * outbox lands), its output collected for the assertions' messages.
 */
final class DemoProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  static final Path JAR = Path.of(System.getProperty("demo.jar"));

  private final Path workDir;
  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final LinkedBlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final Thread reader;

  DemoProcess(String... arguments) throws IOException {
    workDir = Files.createTempDirectory("spring-boot-demo");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.add("--server.address=127.0.0.1");
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    // a developer's machine has none: a SENTRY_DSN of the one running the build must not be used
    builder.environment().remove("SENTRY_DSN");
    process = builder.start();
    reader = new Thread(this::copyLines, "demo-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The port from Spring's "Tomcat started on port N" line. */
  int awaitPort(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String line = unread.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        Matcher port = PORT.matcher(line);
        if (port.find()) {
          return Integer.parseInt(port.group(1));
        }
      } else if (!process.isAlive()) {
        break;
      }
    }
    throw new AssertionError("the demo did not start a web server; output " + output);
  }

  /** Sends SIGTERM (on Linux), as {@code docker stop} and systemd do. */
  void terminate() {
    process.destroy();
  }

  /** Its exit code, after at most {@code limit}; the output is then read to its end. */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the demo did not exit; output " + output);
    }
    reader.join(10_000);
    return process.exitValue();
  }

  String rawOutbox() throws IOException {
    Path outbox = workDir.resolve("panicwatch-outbox.jsonl");
    if (!Files.exists(outbox)) {
      throw new AssertionError("no outbox at " + outbox + "; output " + output);
    }
    return Files.readString(outbox, StandardCharsets.UTF_8);
  }

  /** One event per line of the outbox. */
  List<JsonNode> events() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : rawOutbox().split("\n")) {
      if (!line.isBlank()) {
        events.add(json.readTree(line));
      }
    }
    return events;
  }

  /** The folder it runs in, where its outbox lands. */
  Path workDir() {
    return workDir;
  }

  List<String> output() {
    return output;
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private void copyLines() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.add(line);
        unread.add(line);
      }
    } catch (IOException e) {
      output.add("(reading the demo's output failed: " + e + ")");
    }
  }
}
