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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *
 * <p>Faults for delivery tests: {@link #down()} (connections refused), {@link #respondWith(int, Map)}
 * (500, 429 with {@code Retry-After} or {@code X-Sentry-Rate-Limits}), {@link #blackhole()} (accepts
 * and never answers), {@link #slow(Duration)}, {@link #enforceSentrysSizeLimits()} (413),
 * {@link #refuseForever(String)} (400), and {@link #healthy()} to recover. Only envelopes
 * answered with a 2xx count as {@link #acceptedEvents() accepted}.
 */
public final class SentryReceiver implements AutoCloseable {

  /** Project id in {@link #dsn()}. */
  public static final String PROJECT_ID = "42";
  /** Public key in {@link #dsn()}; the SDK sends it as {@code sentry_key} in X-Sentry-Auth. */
  public static final String PUBLIC_KEY = "publickey";

  // the DSN's path before the project id, if any, comes first (see dsn())
  private static final Pattern ENVELOPE_PATH = Pattern.compile("(/[^/]+)?/api/[^/]+/envelope/?");

  private final int port;
  private final String pathPrefix = "r" + HexFormat.of().toHexDigits(new SecureRandom().nextLong());
  private final ExecutorService handlers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "sentry-receiver");
            thread.setDaemon(true);
            return thread;
          });
  // guarded by lock
  private HttpServer server;
  private boolean closed;
  private boolean blackholed;
  private long delayMillis;
  private final List<JsonNode> acceptedEvents = new ArrayList<>();
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
  private boolean sizeLimits;
  private String poison;

  private SentryReceiver(int port) {
    this.server = listen(port);
    this.port = server.getAddress().getPort();
  }

  /** Starts a receiver on {@code 127.0.0.1} and a free port. */
  public static SentryReceiver start() {
    return new SentryReceiver(0);
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      created.createContext("/", this::handle);
      created.setExecutor(handlers); // a blackholed or slow request must not hold up the others
      created.start();
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Sentry receiver on 127.0.0.1:" + onPort, e);
    }
  }

  /** The port the receiver listens on; it stays the same across {@link #down()} and {@link #healthy()}. */
  public int port() {
    return port;
  }

  /** Stops listening: connections are refused until {@link #healthy()}. */
  public void down() {
    lock.lock();
    try {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Accepts every later request and never answers it, until {@link #healthy()} or {@link #close()}. */
  public void blackhole() {
    lock.lock();
    try {
      blackholed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits {@code delay} before answering each later request. */
  public void slow(Duration delay) {
    lock.lock();
    try {
      delayMillis = delay.toMillis();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Back to normal: listening again on the same port if {@link #down()}, answering {@code 200 {}} at
   * once. Requests held by {@link #blackhole()} are dropped without an answer.
   */
  public void healthy() {
    lock.lock();
    try {
      if (server == null && !closed) {
        server = listen(port);
      }
      blackholed = false;
      delayMillis = 0;
      responseStatus = 200;
      responseHeaders = Map.of();
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The event payloads of every envelope answered with a 2xx, in arrival order. */
  public List<JsonNode> acceptedEvents() {
    lock.lock();
    try {
      return List.copyOf(acceptedEvents);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} events were accepted (answered with a 2xx) and returns them.
   *
   * @throws AssertionError if fewer are accepted within {@code timeout}
   */
  public List<JsonNode> awaitAcceptedEvents(int count, Duration timeout) {
    lock.lock();
    try {
      awaitUntil(() -> acceptedEvents.size() >= count, timeout,
          () -> count + " accepted event(s), got " + acceptedEvents.size());
      return List.copyOf(acceptedEvents);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} requests arrived, whatever they were answered.
   *
   * @throws AssertionError if fewer arrive within {@code timeout}
   */
  public void awaitRequests(int count, Duration timeout) {
    lock.lock();
    try {
      awaitUntil(() -> requestCount >= count, timeout, () -> count + " request(s), got " + requestCount);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A DSN for this receiver, {@code http://publickey@127.0.0.1:PORT/r<16 hex digits>/42}. The path
   * before the project id is this receiver's own: Panicwatch names its spool folder after the DSN,
   * and ports are reused, so without it a test could receive what an earlier test (of this build or
   * another on the same host) left unsent in the per-user spool folder.
   */
  public String dsn() {
    return "http://" + PUBLIC_KEY + "@127.0.0.1:" + port() + "/" + pathPrefix + "/" + PROJECT_ID;
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

  /**
   * Answers 413, as Sentry does, every later envelope over 200 KB as received (compressed) or over
   * 1 MB decoded; such an envelope is recorded but not accepted.
   */
  public void enforceSentrysSizeLimits() {
    lock.lock();
    try {
      sizeLimits = true;
    } finally {
      lock.unlock();
    }
  }

  /** Answers 400 for ever to every envelope whose event message contains {@code text}: a poison envelope. */
  public void refuseForever(String text) {
    lock.lock();
    try {
      poison = text;
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
    lock.lock();
    try {
      closed = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    down();
    handlers.shutdownNow();
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
      List<JsonNode> events = List.of();
      long delay;
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
            events = envelope.events();
            eventCount += events.size();
            if (sizeLimits && (received.length > 200_000 || body.length > 1_000_000)) {
              status = 413;
              lastProblem = "too large: " + received.length + " bytes received, " + body.length + " decoded";
            } else if (poison != null
                && events.stream().anyMatch(event -> event.path("message").path("formatted").asText().contains(poison))) {
              status = 400;
              lastProblem = "poison envelope";
            }
          } catch (IllegalArgumentException e) {
            status = 400;
            lastProblem = e.getMessage();
          }
        }
        arrived.signalAll();
        if (blackholed) {
          holdUntilHealthy();
          return; // closing the exchange unanswered, as a dead proxy would
        }
        delay = delayMillis;
      } finally {
        lock.unlock();
      }
      if (delay > 0) {
        try {
          Thread.sleep(delay); // the fault being simulated: a server that answers late
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (status >= 200 && status < 300 && !events.isEmpty()) {
        lock.lock();
        try {
          acceptedEvents.addAll(events);
          arrived.signalAll();
        } finally {
          lock.unlock();
        }
      }
      extraHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /** Called with the lock held. */
  private void holdUntilHealthy() {
    try {
      while (blackholed && !closed) {
        arrived.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
