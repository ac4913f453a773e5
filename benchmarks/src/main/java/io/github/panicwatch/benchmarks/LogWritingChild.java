package io.github.panicwatch.benchmarks;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The child of suite 5: writes {@code bytes} bytes of log lines to stderr as a busy service would
 * (a Logback-style pattern formatted per line into a buffered stream), then exits 0. The text is
 * the same on every run (times are counted, not read from the clock), so two runs' output can be
 * compared by hash. {@code java -cp benchmarks.jar io.github.panicwatch.benchmarks.LogWritingChild bytes}.
 */
public final class LogWritingChild {
  private static final String[] THREADS = {"main", "http-nio-8080-exec-3", "kafka-consumer-1", "scheduling-1"};
  private static final String[] LOGGERS = {
    "c.e.orders.OrderService", "o.h.engine.jdbc.batch", "c.e.payments.CardGateway", "c.e.http.AccessLog",
  };
  private static final String[] LEVELS = {"INFO ", "DEBUG", "INFO ", "WARN "};

  private LogWritingChild() {}

  public static void main(String[] args) throws IOException {
    long bytes = Long.parseLong(args[0]);
    OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 8192);
    StringBuilder line = new StringBuilder(160);
    long written = 0;
    for (long n = 0; written < bytes; n++) {
      line.setLength(0);
      format(line, n);
      byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
      int count = (int) Math.min(encoded.length, bytes - written);
      err.write(encoded, 0, count);
      written += count;
    }
    err.flush();
  }

  /** One line: {@code 12:30:45.123 [thread] LEVEL logger - message}. */
  static void format(StringBuilder line, long n) {
    long millis = n * 7 % 86_400_000L;
    two(line, millis / 3_600_000).append(':');
    two(line, millis / 60_000 % 60).append(':');
    two(line, millis / 1_000 % 60).append('.');
    long fraction = millis % 1_000;
    line.append(fraction < 100 ? "0" : "").append(fraction < 10 ? "0" : "").append(fraction);
    int kind = (int) (n & 3);
    line.append(" [").append(THREADS[kind]).append("] ").append(LEVELS[kind]).append(' ')
        .append(LOGGERS[kind]).append(" - ");
    switch (kind) {
      case 0 -> line.append("order A-").append(n % 100_000).append(" for customer c-").append(n % 9_973)
          .append(" reserved in ").append(n % 1_500).append(" ms");
      case 1 -> line.append("executing batch of ").append(n % 250).append(" statements on connection HikariPool-1");
      case 2 -> line.append("authorisation ").append(Long.toHexString(n * 2_654_435_761L))
          .append(" declined: insufficient funds (retry ").append(n % 3).append(" of 3)");
      default -> line.append("GET /v1/orders/A-").append(n % 100_000).append("?page=").append(n % 20)
          .append(" 200 OK in ").append(n % 90).append(" ms");
    }
    line.append('\n');
  }

  private static StringBuilder two(StringBuilder line, long value) {
    return line.append(value < 10 ? "0" : "").append(value);
  }
}
