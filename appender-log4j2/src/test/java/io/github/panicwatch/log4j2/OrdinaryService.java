package io.github.panicwatch.log4j2;

import org.apache.logging.log4j.LogManager;

/**
 * A service that starts, logs a line and stops, as a healthy run does: configured by the {@code
 * log4j2.xml} named in {@code -Dlog4j2.configurationFile}; shutting Log4j2 down at the end flushes
 * the appender. It logs no panic of its own.
 */
public final class OrdinaryService {
  private OrdinaryService() {}

  public static void main(String[] args) {
    LogManager.getLogger("app.ledger").info("ledger opened");
    LogManager.shutdown();
  }
}
