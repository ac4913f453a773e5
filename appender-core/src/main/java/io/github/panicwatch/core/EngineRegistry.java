package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.status.StatusSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One engine per appender name, reference counted (issue 12 item 4), after Log4j2's {@code
 * AbstractManager.getManager(name, factory, data)}. A Logback reload and a Log4j2 reconfiguration
 * build a new appender of the same name; it takes the engine its predecessor ran (breadcrumb ring,
 * delivery and sender threads, spool, Sentry client, uncaught-handler membership) instead of starting
 * a second one beside it and tearing the first one down.
 *
 * <ul>
 *   <li>Options the same as the running engine's (every option and nested element as written): that
 *       engine, one more holder.
 *   <li>Options changed: a new engine, since most options (the DSN, the spool, timeouts, scrubbing
 *       rules, the ring's size) only take effect when an engine starts. It goes on with the old
 *       engine's breadcrumbs ({@link BreadcrumbRing#withCapacity}), so the lines that preceded the
 *       reconfiguration still reach the next panic. The old engine leaves the uncaught handler at
 *       once (uncaught exceptions go to the engine in force, once) and closes with its last holder.
 *   <li>Last holder gone: the engine closes (flushed within {@code flushTimeoutMillis}); or, where
 *       the holder says a configuration may follow (Logback stops its appenders at a reset, before
 *       the new configuration starts the next ones), it stays running, parked, for the next appender
 *       of its name, until {@link ParkedEngine#end} or {@link #PARKING_MILLIS} at most.
 * </ul>
 *
 * <p>Names count within a scope, the logging framework's context: two contexts in one JVM that both
 * name an appender {@code PANIC} have an engine each, each reporting to its own context's status.
 * Starting an engine happens under this registry's lock (a start reads local files and waits on no
 * network; the previous-crash scan runs later, on the engine's delivery thread); closing one, which
 * flushes, never does.
 */
final class EngineRegistry {
  /** Longest wait of a parked engine for the next appender of its name. */
  static final long PARKING_MILLIS = 10_000;

  /** The registry of this JVM (of this class loader). */
  static final EngineRegistry JVM = new EngineRegistry(PARKING_MILLIS);

  private final long parkingMillis;
  private final Object lock = new Object();
  // guarded by lock: the engine each name runs now
  private final Map<Key, Slot> running = new HashMap<>();

  EngineRegistry(long parkingMillis) {
    this.parkingMillis = parkingMillis;
  }

  /** An appender name within a scope, the scope compared by identity (a context never equals another). */
  private record Key(Object scope, String name) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.scope == scope && key.name.equals(name);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(scope) + name.hashCode();
    }
  }

  /** One engine and who holds it. Fields guarded by the registry's lock. */
  static final class Slot {
    private final Key key;
    private final Panicwatch engine;
    private final Map<String, Object> written;
    private final List<EngineLease> holders = new ArrayList<>();
    /** Another engine runs this name now: this one closes with its last holder. */
    private boolean superseded;
    private ParkedEngine parking;

    private Slot(Key key, Panicwatch engine, Map<String, Object> written) {
      this.key = key;
      this.engine = engine;
      this.written = written;
    }

    Panicwatch engine() {
      return engine;
    }
  }

  /**
   * The engine for appender {@code name} of {@code scope} with {@code options}: the running one when
   * its options are the same, else one {@code start} makes from the previous engine's ring ({@code
   * null} when there was none).
   *
   * @param status the new holder's status lines (prefixed for the appender); the engine's lines go
   *     there from now on
   * @param start makes the engine, or returns {@code null} when it could not (and said why)
   * @return the new holder's lease, or {@code null} when no engine could be started
   */
  EngineLease acquire(
      Object scope,
      String name,
      PanicwatchOptions options,
      StatusSink status,
      Function<BreadcrumbRing, Panicwatch> start) {
    Key key = new Key(scope, name);
    Map<String, Object> written = OptionTables.APPENDER.written(options);
    Panicwatch replaced = null;
    EngineLease lease;
    synchronized (lock) {
      Slot current = running.get(key);
      if (current != null && current.written.equals(written)) {
        lease = hold(current, status);
        status.info("takes over the running engine, its options unchanged: " + current.engine.description());
        return lease;
      }
      Panicwatch engine = start.apply(current == null ? null : current.engine.breadcrumbs());
      if (engine == null) {
        return null; // the running one, if any, stays this name's engine
      }
      Slot slot = new Slot(key, engine, written);
      running.put(key, slot);
      lease = hold(slot, status);
      if (current != null) {
        status.info(
            "options changed ("
                + changedNames(current.written, written)
                + "): this new engine goes on with the breadcrumbs recorded so far; the previous one stops with"
                + " its last appender");
        current.superseded = true;
        current.engine.leaveUncaught();
        if (current.holders.isEmpty()) {
          unpark(current);
          replaced = current.engine; // parked, nobody else holds it
        }
      }
    }
    if (replaced != null) {
      replaced.close();
    }
    return lease;
  }

  private EngineLease hold(Slot slot, StatusSink status) {
    unpark(slot);
    EngineLease lease = new EngineLease(this, slot, status);
    slot.holders.add(lease);
    slot.engine.relayStatusTo(status);
    return lease;
  }

  /**
   * Ends {@code lease}'s hold; the engine closes when it was the last, or is parked when {@code
   * configurationMayFollow} (and it is still its name's engine). Idempotent per lease.
   *
   * @return the parked engine, or {@code null} when it closed or others still hold it
   */
  ParkedEngine release(EngineLease lease, boolean configurationMayFollow) {
    Slot slot = lease.slot();
    ParkedEngine parked = null;
    synchronized (lock) {
      if (!slot.holders.remove(lease)) {
        return null;
      }
      if (!slot.holders.isEmpty()) {
        slot.engine.relayStatusTo(slot.holders.get(slot.holders.size() - 1).status());
        return null;
      }
      if (configurationMayFollow && !slot.superseded) {
        parked = new ParkedEngine(this, slot, slot.key.name());
        slot.parking = parked;
      } else {
        forget(slot);
      }
    }
    if (parked == null) {
      slot.engine.close();
    } else {
      // a stop flushes, parked or not: what the engine was doing (queued panics, the previous-crash
      // scan) is done, and said, while the stopping framework still listens (Logback drops its status
      // listeners at the end of the reset, before it tells that the context stopped)
      slot.engine.flush();
      parked.startTimer(parkingMillis);
    }
    return parked;
  }

  /** Closes {@code parked}'s engine unless an appender took it meanwhile. */
  void end(ParkedEngine parked) {
    Slot slot = parked.slot();
    synchronized (lock) {
      if (slot == null || slot.parking != parked) {
        return; // taken, or ended already
      }
      unpark(slot);
      forget(slot);
    }
    slot.engine.close();
  }

  private void unpark(Slot slot) {
    if (slot.parking != null) {
      slot.parking.settle();
      slot.parking = null;
    }
  }

  private void forget(Slot slot) {
    running.remove(slot.key, slot);
  }

  /** The options whose written text differs, by name; never their values, which may be secrets. */
  private static String changedNames(Map<String, Object> before, Map<String, Object> after) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    StringJoiner changed = new StringJoiner(", ");
    for (String name : names) {
      if (!Objects.equals(before.get(name), after.get(name))) {
        changed.add(name);
      }
    }
    return changed.toString();
  }

  /** How many engines run in this registry now, parked ones included; for tests. */
  int size() {
    synchronized (lock) {
      return running.size();
    }
  }
}
