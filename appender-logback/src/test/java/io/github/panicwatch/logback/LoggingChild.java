package io.github.panicwatch.logback;

import org.slf4j.LoggerFactory;

/** A service that configures Logback the ordinary way (SLF4J finds it, it reads its file) and logs. */
public final class LoggingChild {
  private LoggingChild() {}

  public static void main(String[] args) {
    LoggerFactory.getLogger("app").info("service started");
  }
}
