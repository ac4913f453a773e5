package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.panicwatch.logback.PanicAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MarkerFactory;

/**
 * Panic throughput (issue 12), outside JMH because what is measured is a pipeline: panics per second
 * end to end, from the log call through the Logback appender, the delivery thread (or, past its
 * queue, the logging threads), the spool and the sender, to a receiver on 127.0.0.1 that answers
 * {@code 200} as Sentry does. Each round logs {@code panics} distinct panics (crash-loop guard off)
 * from {@code threads} threads as fast as they can and stops the clock when the receiver has taken
 * the last one. The first round warms up and is not counted. Prints a Markdown section.
 *
 * <p>{@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.PanicThroughput rounds panics threads}
 */
public final class PanicThroughput {
  private final AtomicLong received = new AtomicLong();
  private final HttpServer receiver;

  private PanicThroughput() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", this::answer);
    receiver.setExecutor(Executors.newFixedThreadPool(2));
    receiver.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(200, 2);
      exchange.getResponseBody().write("{}".getBytes());
      received.incrementAndGet();
    }
  }

  /** Logs {@code panics} panics over {@code threads} threads; returns panics per second to the receiver. */
  private double round(int panics, int threads) throws Exception {
    Path cacheDir = Files.createTempDirectory("panicwatch-throughput");
    LoggerContext context = new LoggerContext();
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("THROUGHPUT");
    appender.setDsn("http://publickey@127.0.0.1:" + receiver.getAddress().getPort() + "/42");
    appender.setCacheDirPath(cacheDir.toString());
    appender.setCaptureUncaught("false");
    appender.setMaxEventsPerFingerprint("0");
    appender.setMaxSpooledEvents("100000");
    appender.setFlushTimeoutMillis("60000");
    appender.start();
    Logger log = context.getLogger("com.example.orders.OrderService");
    log.addAppender(appender);
    for (int i = 0; i < 100; i++) {
      log.info("order {} for customer {} reserved in {} ms", "A-" + (20_000 + i), "c-" + i, i);
    }
    long before = received.get();
    long start = System.nanoTime();
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      loggers.add(new Thread(() -> {
        for (int p = thread; p < panics; p += threads) {
          log.error(MarkerFactory.getMarker("FATAL"), "order {} lost", p, new IllegalStateException("disk gone " + p));
        }
      }));
    }
    loggers.forEach(Thread::start);
    for (Thread logger : loggers) {
      logger.join();
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (received.get() - before < panics) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + (received.get() - before) + " of " + panics + " panics arrived");
      }
      Thread.sleep(1); // polling the count: a wake-up per arrival would cost the pipeline measured
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    context.stop();
    try (var files = Files.walk(cacheDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    return panics / seconds;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int panics = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    PanicThroughput benchmark = new PanicThroughput();
    try {
      benchmark.round(panics, threads); // warm-up
      List<Double> rates = new ArrayList<>();
      StringBuilder rows = new StringBuilder();
      for (int round = 1; round <= rounds; round++) {
        double rate = benchmark.round(panics, threads);
        rates.add(rate);
        rows.append(String.format(Locale.ROOT, "| %d | %.0f |%n", round, rate));
      }
      List<Double> sorted = new ArrayList<>(rates);
      sorted.sort(Comparator.naturalOrder());
      double median = sorted.get(sorted.size() / 2);
      System.out.printf(Locale.ROOT,
          "**6. Panic throughput**, end to end: %d distinct panics logged from %d threads through the Logback appender"
              + " (100 breadcrumbs in the ring, crash-loop guard off), each built, scrubbed, spooled and sent to a"
              + " receiver on 127.0.0.1 answering 200; panics per second until the last one was received, after one"
              + " warm-up round%n%n| round | panics/s |%n|---|---|%n%s| **median** | **%.0f** |%n%n",
          panics, threads, rows, median);
    } finally {
      benchmark.receiver.stop(0);
      ((java.util.concurrent.ExecutorService) benchmark.receiver.getExecutor()).shutdownNow();
    }
  }
}
