package io.github.panicwatch.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An engine whose last appender stopped where a configuration may follow (Logback stops its
 * appenders at a reset, before the new configuration starts the next ones): it keeps running, parked,
 * for the next appender of its name. The adapter ends the wait when its framework says no such
 * appender will come (the context stops, or a configuration ended without one); a thread of its own,
 * {@code panicwatch-parked-<name>}, ends it after {@link EngineRegistry#PARKING_MILLIS} at most, for
 * a reset nothing follows. Ending closes the engine unless an appender took it meanwhile.
 */
public final class ParkedEngine {
  private final EngineRegistry registry;
  private final String name;
  private final CountDownLatch settled = new CountDownLatch(1);
  /** Cleared once settled: whoever still holds this handle (a framework listener) keeps no engine alive. */
  private volatile EngineRegistry.Slot slot;

  ParkedEngine(EngineRegistry registry, EngineRegistry.Slot slot, String name) {
    this.registry = registry;
    this.slot = slot;
    this.name = name;
  }

  EngineRegistry.Slot slot() {
    return slot;
  }

  void startTimer(long millis) {
    Thread timer = new Thread(() -> awaitThenEnd(millis), "panicwatch-parked-" + name);
    timer.setDaemon(true); // never holds the JVM up; at exit the engine's own shutdown hook flushes it
    timer.start();
  }

  private void awaitThenEnd(long millis) {
    try {
      settled.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // nobody interrupts this thread of ours; ending early is the safe side
    }
    end();
  }

  /** Taken by an appender, or ended: called by the registry under its lock. */
  void settle() {
    slot = null;
    settled.countDown();
  }

  /**
   * No appender of this name will come: closes the engine (flushing, within its {@code
   * flushTimeoutMillis}) unless one took it meanwhile. Idempotent; never throws.
   */
  public void end() {
    registry.end(this);
  }
}
