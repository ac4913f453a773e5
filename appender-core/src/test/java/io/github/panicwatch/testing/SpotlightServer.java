package io.github.panicwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sentry Spotlight, Sentry's local development receiver, run as a child process for tests.
 *
 * <p>Starts {@code node testing/spotlight/server.mjs --port P} on a free port; that script binds
 * 127.0.0.1 only, sends no telemetry and closes the connection after each reply (see its
 * comments). Install it first with {@code npm ci --prefix testing/spotlight}; {@code mvn verify}
 * does that in appender-core's {@code process-test-resources} phase. Use one per test in
 * try-with-resources; {@link #close()} ends the process tree.
 */
public final class SpotlightServer implements AutoCloseable {

  private static final String READY_LINE = "panicwatch spotlight receiver on ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Object END_OF_STREAM = new Object();

  private final ChildProcess node;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private SpotlightServer(ChildProcess node, int port) {
    this.node = node;
    this.port = port;
  }

  /**
   * Starts Spotlight and returns once {@code /health} answers {@code OK}.
   *
   * @throws IllegalStateException if {@code testing/spotlight} or its {@code node_modules} is
   *     missing, or Spotlight does not come up
   */
  public static SpotlightServer start() {
    Path home = spotlightHome(Path.of("").toAbsolutePath());
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder("node", "server.mjs", "--port", String.valueOf(port))
        .directory(home.toFile())
        .redirectErrorStream(true);
    // switches that would make Spotlight write payloads to disk or forward to another Spotlight
    builder.environment().remove("SPOTLIGHT_CAPTURE");
    builder.environment().remove("SENTRY_SPOTLIGHT");
    ChildProcess node;
    try {
      node = ChildProcess.start(builder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node (is Node.js on the PATH?)", e);
    }
    // an AssertionError with node's output, the process killed, if Spotlight does not come up
    node.awaitStdout(READY_LINE, START_TIMEOUT);
    SpotlightServer server = new SpotlightServer(node, port);
    try {
      String health = server.send(HttpRequest.newBuilder(server.uri("/health")).GET());
      if (!"OK".equals(health.trim())) {
        throw new IllegalStateException("GET /health answered [" + health + "]");
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException(
          "Spotlight did not start on port " + port + ". Its output:\n" + node.stdoutSoFar(), e);
    }
  }

  /** The port Spotlight listens on (127.0.0.1 only). */
  public int port() {
    return port;
  }

  /** A DSN for this Spotlight, {@code http://key@127.0.0.1:PORT/1}. */
  public String dsn() {
    return "http://key@127.0.0.1:" + port + "/1";
  }

  /**
   * Reads Spotlight's {@code /stream} (which replays everything buffered since the start or the
   * last {@link #clear()}) until {@code count} event items have been seen, and returns those
   * payloads in arrival order. Spotlight adds {@code "type":"event"} to each payload.
   *
   * @throws AssertionError if fewer arrive within {@code timeout}
   */
  public List<JsonNode> awaitEvents(int count, Duration timeout) {
    LineQueue lines = new LineQueue();
    CompletableFuture<HttpResponse<Void>> response = http.sendAsync(
        HttpRequest.newBuilder(uri("/stream")).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(lines));
    // a request that fails before any body (e.g. connection refused) never reaches the subscriber
    response.whenComplete((ignored, failure) -> {
      if (failure != null) {
        lines.queue.add(END_OF_STREAM);
      }
    });
    List<JsonNode> events = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (events.size() < count) {
        Object line = lines.queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null || line == END_OF_STREAM) {
          throw new AssertionError("Spotlight: " + events.size() + " of " + count
              + " event(s) within " + timeout + (line == null ? "" : " (stream ended)")
              + ". Spotlight output:\n" + node.stdoutSoFar());
        }
        String text = (String) line;
        if (text.startsWith("data:")) {
          events.addAll(eventsIn(text.substring("data:".length()).trim()));
        }
      }
      return events;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading Spotlight's stream", e);
    } finally {
      lines.cancel();
      response.cancel(true);
    }
  }

  /** Empties Spotlight's buffer ({@code DELETE /clear}). */
  public void clear() {
    send(HttpRequest.newBuilder(uri("/clear")).DELETE());
  }

  /** Stops Spotlight and its child processes, forcibly after a few seconds. */
  @Override
  public void close() {
    Process process = node.process();
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      } catch (ExecutionException | TimeoutException e) {
        handle.destroyForcibly();
      }
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(
          request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(request.build().method() + " " + request.build().uri()
            + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The event payloads in one SSE data line: {@code [envelopeHeader, [[itemHeader, payload], ...]]}. */
  private static List<JsonNode> eventsIn(String data) {
    JsonNode envelope;
    try {
      envelope = ReceivedEnvelope.JSON.readTree(data);
    } catch (IOException e) {
      throw new AssertionError("Spotlight streamed malformed JSON: " + data, e);
    }
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode item : envelope.path(1)) {
      if ("event".equals(item.path(0).path("type").asText())) {
        events.add(item.path(1));
      }
    }
    return events;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  /** {@code <repo>/testing/spotlight}, found by walking up from {@code start}. */
  static Path spotlightHome(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path home = dir.resolve("testing").resolve("spotlight");
      if (Files.isRegularFile(home.resolve("server.mjs"))) {
        if (!Files.isDirectory(home.resolve("node_modules").resolve("@spotlightjs"))) {
          throw new IllegalStateException("Spotlight is not installed in " + home
              + ": run `npm ci --prefix testing/spotlight` in " + dir + " (mvn verify does it too)");
        }
        return home;
      }
    }
    throw new IllegalStateException(
        "no testing/spotlight/server.mjs in " + start + " or any parent directory");
  }

  /** Feeds the SSE lines of {@code /stream} into a queue, so the reader can wait with a deadline. */
  private static final class LineQueue implements Flow.Subscriber<String> {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      queue.add(line);
    }

    @Override
    public void onError(Throwable error) {
      queue.add(END_OF_STREAM);
    }

    @Override
    public void onComplete() {
      queue.add(END_OF_STREAM);
    }

    void cancel() {
      Flow.Subscription current = subscription;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
