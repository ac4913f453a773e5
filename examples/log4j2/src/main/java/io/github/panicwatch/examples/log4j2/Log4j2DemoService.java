package io.github.panicwatch.examples.log4j2;

import io.github.panicwatch.examples.OutboxSummary;
import io.github.panicwatch.log4j2.PanicAppender;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The demo service on Log4j2, configured by {@code log4j2.xml} alone: ordinary lines from two
 * threads (some carrying secrets), a panic at Log4j2's own FATAL level, and a worker lost to an
 * uncaught exception. With no {@code SENTRY_DSN} the events land in the outbox, summarised at the end.
 */
public final class Log4j2DemoService {
  private static final Logger log = LogManager.getLogger("demo.service");
  private static final Logger db = LogManager.getLogger("demo.db");

  public static void main(String[] args) throws Exception {
    File outbox = outbox();
    int alreadyThere = OutboxSummary.lineCount(outbox);

    ThreadContext.put("request_id", "req-42");
    log.info("service starting, version {}", Log4j2DemoService.class.getPackage().getImplementationVersion());
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
      log.fatal("cannot continue without configuration (token owner alice, secret=swordfish)", e);
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

    // stopping Log4j2 stops the appender, which flushes what it has queued
    LogManager.shutdown();
    OutboxSummary.print(outbox, alreadyThere);
  }

  private static void loadConfig() {
    try {
      Files.readString(new File("/nonexistent/demo.conf").toPath());
    } catch (IOException e) {
      throw new IllegalStateException("config unreadable; password=hunter2 was in the previous config", e);
    }
  }

  private static File outbox() {
    Appender appender = LoggerContext.getContext(false).getConfiguration().getAppender("PANIC");
    return appender instanceof PanicAppender panic ? panic.getOptions().outboxFile() : null;
  }
}
