package io.github.panicwatch.log4j2;

import org.apache.logging.log4j.LogManager;

/** A service that configures Log4j2 the ordinary way (it finds its file) and logs. */
public final class LoggingChild {
  private LoggingChild() {}

  public static void main(String[] args) {
    LogManager.getLogger("app").info("service started");
  }
}
