package io.github.panicwatch.examples;

import ch.qos.logback.classic.LoggerContext;
import io.github.panicwatch.logback.PanicAppender;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * A small service that does what real services do before they die: logs ordinary lines from two
 * threads (some carrying secrets), panics with the FATAL marker, and loses a worker to an uncaught
 * exception. Configured by {@code logback.xml} alone; with no {@code SENTRY_DSN} the events land in
 * the outbox, which this demo then summarises.
 */
public final class DemoService {
  private static final Logger log = LoggerFactory.getLogger("demo.service");
  private static final Logger db = LoggerFactory.getLogger("demo.db");

  public static void main(String[] args) throws Exception {
    File outbox = outboxOf(LoggerFactory.getILoggerFactory());
    int alreadyThere = OutboxSummary.lineCount(outbox);

    MDC.put("request_id", "req-42");
    log.info("service starting, version {}", DemoService.class.getPackage().getImplementationVersion());
    Thread worker =
        new Thread(
            () -> {
              db.info("connecting to postgres at 10.1.2.3:5432 as user=app password=s3cr3t-db");
              db.warn("pool nearly exhausted: {} of {} connections in use", 19, 20);
            },
            "db-worker");
    worker.start();
    worker.join();
    log.info("login user=alice password=hunter2 from 10.1.2.3");
    log.info("calling billing with api_key=sk_live_51HxDemoKey");

    try {
      loadConfig();
    } catch (IllegalStateException e) {
      log.error(MarkerFactory.getMarker("FATAL"), "cannot continue without configuration (token owner alice, secret=swordfish)", e);
    }

    CountDownLatch died = new CountDownLatch(1);
    Thread doomed =
        new Thread(
            () -> {
              try {
                log.info("replication worker started");
                throw new IllegalArgumentException("replica state corrupt: checksum mismatch from 192.168.7.9");
              } finally {
                died.countDown();
              }
            },
            "replication-worker");
    doomed.start();
    died.await();
    doomed.join();

    // stopping Logback stops the appender, which flushes what it has queued
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    OutboxSummary.print(outbox, alreadyThere);
  }

  private static void loadConfig() {
    try {
      Files.readString(new File("/nonexistent/demo.conf").toPath());
    } catch (IOException e) {
      throw new IllegalStateException("config unreadable; password=hunter2 was in the previous config", e);
    }
  }

  private static File outboxOf(Object loggerFactory) {
    if (loggerFactory instanceof LoggerContext context
        && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("PANIC") instanceof PanicAppender panic) {
      return panic.getOptions().outboxFile();
    }
    return null;
  }
}
