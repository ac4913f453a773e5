package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The floor: an appender that does nothing, on the same unsynchronized base as Panicwatch and the
 * official Sentry appender. Whatever a log call costs with it is Logback's own cost.
 */
public final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent event) {
    // nothing: this is the baseline every other appender is compared with
  }
}
