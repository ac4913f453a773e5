package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.status.StatusSink;
import org.apache.logging.log4j.status.StatusLogger;

/** Relays the core's status messages to Log4j2's {@link StatusLogger}, never to a regular logger. */
final class Log4j2StatusSink implements StatusSink {
  static final Log4j2StatusSink INSTANCE = new Log4j2StatusSink();

  private static final StatusLogger STATUS = StatusLogger.getLogger();

  private Log4j2StatusSink() {}

  @Override
  public void info(String message) {
    STATUS.info(message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    STATUS.warn(message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    STATUS.error(message, cause);
  }
}
