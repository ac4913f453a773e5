package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The second child of suite 5: a service logging through Logback as services do, a {@code
 * ConsoleAppender} on stderr with a pattern and its defaults (each event written and flushed on its
 * own), until {@code bytes} bytes are out, then exit 0. The same four kinds of line as {@link
 * LogWritingChild}, with the clock's real time, so two runs' output differ. Logback is configured in
 * code: no configuration file is read. {@code java -cp benchmarks.jar
 * io.github.panicwatch.benchmarks.LogbackWritingChild bytes}.
 */
public final class LogbackWritingChild {
  private LogbackWritingChild() {}

  public static void main(String[] args) {
    long bytes = Long.parseLong(args[0]);
    CountingStream counted = new CountingStream(new FileOutputStream(FileDescriptor.err));
    System.setErr(new PrintStream(counted, false)); // Logback's console target writes to System.err
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.DEBUG);
    root.addAppender(console);
    Logger orders = context.getLogger("com.example.orders.OrderService");
    Logger batch = context.getLogger("org.hibernate.engine.jdbc.batch.internal.BatchingBatch");
    Logger payments = context.getLogger("com.example.payments.CardGateway");
    Logger access = context.getLogger("com.example.http.AccessLog");
    for (long n = 0; counted.count < bytes; n++) {
      switch ((int) (n & 3)) {
        case 0 -> orders.info("order A-{} for customer c-{} reserved in {} ms", n % 100_000, n % 9_973, n % 1_500);
        case 1 -> batch.debug("executing batch of {} statements on connection HikariPool-1", n % 250);
        case 2 -> payments.warn("authorisation {} declined: insufficient funds (retry {} of 3)",
            Long.toHexString(n * 2_654_435_761L), n % 3);
        default -> access.info("GET /v1/orders/A-{}?page={} 200 OK in {} ms", n % 100_000, n % 20, n % 90);
      }
    }
    context.stop();
  }

  /** Counts what Logback writes, so the child stops after {@code bytes}. */
  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
