package io.github.panicwatch.logback;

import ch.qos.logback.core.spi.ContextAwareBase;
import io.github.panicwatch.core.status.StatusSink;

/** Relays the core's status messages into Logback's status system, attributed to the appender. */
final class LogbackStatusSink implements StatusSink {
  private final ContextAwareBase origin;

  LogbackStatusSink(ContextAwareBase origin) {
    this.origin = origin;
  }

  @Override
  public void info(String message) {
    origin.addInfo(message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    origin.addWarn(message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    origin.addError(message, cause);
  }
}
