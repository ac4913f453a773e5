package io.github.panicwatch.watch.children;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service with the Panicwatch appender (from {@code -Dlogback.configurationFile}) that dies of an
 * uncaught exception in main: the appender reports it itself.
 */
public final class ReportThroughAppender {
  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger(ReportThroughAppender.class);
    log.info("serving");
    throw new IllegalStateException("reported in process");
  }
}
