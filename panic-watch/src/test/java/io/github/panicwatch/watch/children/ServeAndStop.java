package io.github.panicwatch.watch.children;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * A healthy run of a service with the Panicwatch appender (from {@code -Dlogback.configurationFile}):
 * logs a line and stops Logback, which flushes the appender, and exits 0.
 */
public final class ServeAndStop {
  public static void main(String[] args) {
    LoggerFactory.getLogger(ServeAndStop.class).info("serving");
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
