package io.github.panicwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry ingestion endpoint for tests: a real HTTP server on {@code 127.0.0.1}, on a free port,
 * that decodes what the Sentry SDK posts to {@code /api/{projectId}/envelope/}.
 *
 * <p>Use one per test (never static) in try-with-resources. Point the SDK at {@link #dsn()}, then
 * wait with {@link #awaitEnvelope(Duration)} or {@link #awaitEvents(int, Duration)}; both throw
 * {@link AssertionError} on timeout. Every request is answered {@code 200 {}} unless
 * {@link #respondWith(int, Map)} says otherwise.
 */
public final class SentryReceiver implements AutoCloseable {

  /** Project id in {@link #dsn()}. */
  public static final String PROJECT_ID = "42";
  /** Public key in {@link #dsn()}; the SDK sends it as {@code sentry_key} in X-Sentry-Auth. */
  public static final String PUBLIC_KEY = "publickey";

  private static final Pattern ENVELOPE_PATH = Pattern.compile("/api/[^/]+/envelope/?");

  private final HttpServer server;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  // guarded by lock
  private final List<ReceivedEnvelope> envelopes = new ArrayList<>();
  private final ByteArrayOutputStream allRaw = new ByteArrayOutputStream();
  private int requestCount;
  private int eventCount;
  private int nextToAwait;
  private Map<String, String> lastHeaders = Map.of();
  private String lastProblem = "none";
  private int responseStatus = 200;
  private Map<String, String> responseHeaders = Map.of();

  private SentryReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on {@code 127.0.0.1} and a free port. */
  public static SentryReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SentryReceiver receiver = new SentryReceiver(server);
      server.createContext("/", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Sentry receiver on 127.0.0.1", e);
    }
  }

  /** The port the receiver listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** A DSN for this receiver, {@code http://publickey@127.0.0.1:PORT/42}. */
  public String dsn() {
    return "http://" + PUBLIC_KEY + "@127.0.0.1:" + port() + "/" + PROJECT_ID;
  }

  /**
   * Answers every later request with {@code status} and these extra headers (e.g. 429 with
   * {@code Retry-After}) instead of {@code 200 {}}. Requests are recorded either way.
   */
  public void respondWith(int status, Map<String, String> headers) {
    lock.lock();
    try {
      responseStatus = status;
      responseHeaders = Map.copyOf(headers);
    } finally {
      lock.unlock();
    }
  }

  /** The envelopes received so far, in arrival order. */
  public List<ReceivedEnvelope> envelopes() {
    lock.lock();
    try {
      return List.copyOf(envelopes);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the next envelope that no earlier call of this method returned: the first call
   * returns the first envelope, the second call the second, and so on.
   *
   * @throws AssertionError if it does not arrive within {@code timeout}
   */
  public ReceivedEnvelope awaitEnvelope(Duration timeout) {
    lock.lock();
    try {
      awaitUntil(() -> envelopes.size() > nextToAwait, timeout,
          () -> "envelope #" + (nextToAwait + 1));
      return envelopes.get(nextToAwait++);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} event items have arrived in all, and returns every event
   * payload received so far (parsed as JSON, in arrival order).
   *
   * @throws AssertionError if fewer arrive within {@code timeout}
   */
  public List<JsonNode> awaitEvents(int count, Duration timeout) {
    lock.lock();
    try {
      awaitUntil(() -> eventCount >= count, timeout, () -> count + " event(s), got " + eventCount);
      return envelopes.stream().flatMap(envelope -> envelope.events().stream()).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every request body received, decoded (gunzipped) and concatenated, including bodies that
   * were not valid envelopes: for "this secret never leaves the process" assertions.
   */
  public byte[] allRawBytes() {
    lock.lock();
    try {
      return allRaw.toByteArray();
    } finally {
      lock.unlock();
    }
  }

  /** The number of HTTP requests received, whatever their path or content. */
  public int requestCount() {
    lock.lock();
    try {
      return requestCount;
    } finally {
      lock.unlock();
    }
  }

  /** The headers of the last request (names case-insensitive, e.g. {@code X-Sentry-Auth}). */
  public Map<String, String> lastHeaders() {
    lock.lock();
    try {
      return lastHeaders;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = headersOf(exchange);
      byte[] received = exchange.getRequestBody().readAllBytes();
      byte[] body = received;
      String decodeProblem = null;
      try {
        body = decode(received, headers.get("Content-Encoding"));
      } catch (IOException e) {
        decodeProblem = "cannot gunzip the body: " + e;
      }
      String path = exchange.getRequestURI().getPath();
      boolean envelopeEndpoint =
          "POST".equals(exchange.getRequestMethod()) && ENVELOPE_PATH.matcher(path).matches();
      int status;
      Map<String, String> extraHeaders;
      lock.lock();
      try {
        requestCount++;
        lastHeaders = headers;
        allRaw.writeBytes(body);
        status = responseStatus;
        extraHeaders = responseHeaders;
        if (!envelopeEndpoint) {
          status = 404;
          lastProblem = exchange.getRequestMethod() + " " + path + " is not the envelope endpoint";
        } else if (decodeProblem != null) {
          status = 400;
          lastProblem = decodeProblem;
        } else {
          try {
            ReceivedEnvelope envelope = ReceivedEnvelope.parse(path, headers, body);
            envelopes.add(envelope);
            eventCount += envelope.events().size();
          } catch (IllegalArgumentException e) {
            status = 400;
            lastProblem = e.getMessage();
          }
        }
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
      extraHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private static Map<String, String> headersOf(HttpExchange exchange) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
    return Collections.unmodifiableMap(headers);
  }

  private static byte[] decode(byte[] body, String contentEncoding) throws IOException {
    if (contentEncoding == null || !contentEncoding.trim().equalsIgnoreCase("gzip")) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private void awaitUntil(BooleanSupplier done, Duration timeout, Supplier<String> what) {
    long remaining = timeout.toNanos();
    try {
      while (!done.getAsBoolean()) {
        if (remaining <= 0) {
          throw new AssertionError("Sentry receiver: no " + what.get() + " within " + timeout
              + " (requests: " + requestCount + ", envelopes: " + envelopes.size()
              + ", last problem: " + lastProblem + ")");
        }
        remaining = arrived.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what.get(), e);
    }
  }
}
