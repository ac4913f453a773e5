package io.github.panicwatch.core;

import io.github.panicwatch.core.status.StatusSink;

/**
 * An engine's status lines, relayed to the appender that holds it now (issue 12): after a
 * reconfiguration the engine outlives the appender that started it, and what it reports at run time
 * (Sentry unreachable, a panic dropped) belongs to the appender in force, whose context and console
 * listener are the ones anybody reads.
 */
final class HolderStatus implements StatusSink {
  private volatile StatusSink holder;

  HolderStatus(StatusSink holder) {
    this.holder = holder;
  }

  /** From now on, lines go to {@code next}. */
  void relayTo(StatusSink next) {
    holder = next;
  }

  @Override
  public void info(String message) {
    holder.info(message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    holder.warn(message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    holder.error(message, cause);
  }

  @Override
  public StatusSink forAppender(String name) {
    return holder.forAppender(name);
  }
}
