package io.github.panicwatch.core;

import io.github.panicwatch.core.status.StatusSink;

/**
 * One appender's hold on its engine, from {@link AppenderStartup#acquire}: the engine is shared by
 * the appenders of one name across reconfigurations (README "Reconfiguration", issue 12 item 4), and
 * the last hold to end closes it. The adapter passes every event to {@link #engine()} and ends its
 * hold when it stops, once.
 */
public final class EngineLease {
  private final EngineRegistry registry;
  private final EngineRegistry.Slot slot;
  private final StatusSink status;

  EngineLease(EngineRegistry registry, EngineRegistry.Slot slot, StatusSink status) {
    this.registry = registry;
    this.slot = slot;
    this.status = status;
  }

  /** The running engine this lease holds. */
  public Panicwatch engine() {
    return slot.engine();
  }

  /**
   * Ends this hold, for a stop after which no appender of this name follows (Log4j2 starts the new
   * configuration's appenders before it stops the old ones, so their hold is taken already): the last
   * hold closes the engine, flushing within {@code flushTimeoutMillis}. Idempotent.
   */
  public void release() {
    registry.release(this, false);
  }

  /**
   * Ends this hold at a stop that a configuration may follow (a Logback reset): the last hold parks
   * the engine, still running, for the next appender of this name.
   *
   * @return the parked engine, which the adapter ends when its framework says no such appender will
   *     come; {@code null} when others still hold the engine, or it closed
   */
  public ParkedEngine releaseForReconfiguration() {
    return registry.release(this, true);
  }

  EngineRegistry.Slot slot() {
    return slot;
  }

  StatusSink status() {
    return status;
  }
}
