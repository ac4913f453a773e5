package io.github.panicwatch.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.slf4j.MarkerFactory;

/**
 * A tiny service for child-JVM tests: starts a Panicwatch appender configured from {@code -Dpw.*}
 * system properties, logs one panic when its argument is {@code panic} ({@code -Dpw.panics=N} for
 * more), and returns from main; the appender's shutdown hook does the rest, exactly as in a real
 * application. With {@code -Dpw.stopAtEnd=true} it stops the appender itself instead and prints
 * every status line, {@code STATUS <level> <message>}, on stdout.
 */
public final class PanickingChild {
  private PanickingChild() {}

  public static void main(String[] args) {
    LoggerContext context = new LoggerContext();
    PanicAppender appender = new PanicAppender();
    appender.setContext(context);
    appender.setName("PANIC");
    appender.setDsn(System.getProperty("pw.dsn"));
    appender.setCacheDirPath(System.getProperty("pw.cacheDir"));
    appender.setOutbox(System.getProperty("pw.outbox"));
    appender.setFlushTimeoutMillis(System.getProperty("pw.flushTimeoutMillis", "5000"));
    appender.setReadTimeoutMillis(System.getProperty("pw.readTimeoutMillis", "5000"));
    appender.setMaxEventsPerFingerprint(System.getProperty("pw.maxEventsPerFingerprint", "5"));
    appender.setFingerprintWindow(System.getProperty("pw.fingerprintWindow", "1 hour"));
    appender.start();
    if (!appender.isStarted()) {
      context.getStatusManager().getCopyOfStatusList().forEach(System.out::println);
      System.exit(2);
    }
    Logger log = context.getLogger("app.replica");
    log.addAppender(appender);
    log.info("starting run {}", System.getProperty("pw.run", "0"));
    int panics = Integer.getInteger("pw.panics", args.length > 0 && args[0].equals("panic") ? 1 : 0);
    for (int i = 1; i <= panics; i++) {
      long start = System.nanoTime();
      log.error(MarkerFactory.getMarker("FATAL"), "replica lost", replicaFailure(i == 1 ? "" : " (" + i + ")"));
      System.out.println("LOGGED in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
    if (Boolean.getBoolean("pw.stopAtEnd")) {
      appender.stop();
      for (Status status : context.getStatusManager().getCopyOfStatusList()) {
        String level = status.getLevel() == Status.ERROR ? "ERROR" : status.getLevel() == Status.WARN ? "WARN" : "INFO";
        System.out.println("STATUS " + level + " " + status.getMessage()
            + (status.getThrowable() == null ? "" : " / " + status.getThrowable()));
      }
    }
    System.out.flush();
  }

  /** Always the same type and frames: a crash loop is the same crash every time. */
  private static IllegalStateException replicaFailure(String suffix) {
    return new IllegalStateException("replica " + System.getProperty("pw.run", "0") + " lost its log" + suffix);
  }
}
