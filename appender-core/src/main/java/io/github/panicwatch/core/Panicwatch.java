package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.EventReader;
import io.github.panicwatch.core.breadcrumbs.MessageRenderer;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.crash.PreviousCrashes;
import io.github.panicwatch.core.crash.ReportedCrashes;
import io.github.panicwatch.core.deliver.DeliveryThread;
import io.github.panicwatch.core.deliver.Fingerprint;
import io.github.panicwatch.core.deliver.SentryDelivery;
import io.github.panicwatch.core.event.ApplicationJar;
import io.github.panicwatch.core.event.BuildIdentity;
import io.github.panicwatch.core.event.EventBuilder;
import io.github.panicwatch.core.event.GitProperties;
import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.scrub.EventScrubber;
import io.github.panicwatch.core.scrub.Scrubber;
import io.github.panicwatch.core.select.PanicSelector;
import java.io.File;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * A running Panicwatch: what an adapter starts when reporting is enabled and the options are valid,
 * and stops with the appender. It owns the selector, the breadcrumb ring, the event builder, the
 * Sentry client, the delivery thread, the shutdown hook and the uncaught-exception handler. Adapters
 * call {@link #selector()}, {@link #breadcrumbs()} and {@link #capture(PanicRecord)}; nothing else.
 */
public final class Panicwatch implements AutoCloseable {
  private final String name;
  private final PanicSelector selector;
  private final BreadcrumbRing breadcrumbs;
  private final EventBuilder eventBuilder;
  private final SentryDelivery delivery;
  private final DeliveryThread deliveryThread;
  private final long flushTimeoutMillis;
  private final StatusSink status;
  private final Thread shutdownHook;
  private final boolean captureUncaught;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Set by our shutdown hook: panics are kept before the log call returns from then on. */
  private volatile boolean exiting;
  private volatile boolean closed;
  private final CountDownLatch closedAndFlushed = new CountDownLatch(1);
  private volatile BooleanSupplier frameworkStopsAtExit = () -> false;

  private Panicwatch(
      String name,
      PanicwatchOptions options,
      MessageRenderer renderer,
      EventReader reader,
      StatusSink status,
      ApplicationJar jar,
      GitProperties git) {
    this.name = name;
    this.status = status;
    this.flushTimeoutMillis = options.flushTimeoutMillis();
    this.selector =
        new PanicSelector(
            options.panicMarkers(), options.minimumEventLevel(), options.minimumBreadcrumbLevel());
    this.breadcrumbs = new BreadcrumbRing(options.maxBreadcrumbs(), renderer, reader);
    BuildIdentity identity =
        BuildIdentity.resolve(
            options.release(), options.environment(), options.edition(), options.tags(), jar, git);
    for (String problem : git.problems()) {
      status.warn("Panicwatch [" + name + "]: " + problem, null);
    }
    String release = identity.release();
    String environment = identity.environment();
    this.eventBuilder = new EventBuilder(release, environment, identity.tags(), jar);
    File outbox = options.outboxFile();
    this.delivery =
        new SentryDelivery(
            name, options, release, environment, new EventScrubber(Scrubber.compile(options.scrub())), status);
    this.deliveryThread = new DeliveryThread(name, status);
    this.shutdownHook = new Thread(this::flushAtExit, "panicwatch-shutdown-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.captureUncaught = options.captureUncaught();
    if (captureUncaught) {
      UncaughtPanicHandler.join(this);
    }
    status.info(describe(options.dsn(), outbox, identity));
  }

  /**
   * Starts reporting. Call only with options whose {@code validate()} returned no problem.
   *
   * @param name the appender's name, for thread names and status messages
   * @param renderer renders deferred breadcrumb messages the way the framework would
   */
  public static Panicwatch start(
      String name, PanicwatchOptions options, MessageRenderer renderer, StatusSink status) {
    return startInProcess(name, options, renderer, null, status);
  }

  /**
   * Starts reporting, for an adapter that keeps its framework's events whole in the ring ({@link
   * BreadcrumbRing#keep(Object)}). Call only with options whose {@code validate()} returned no
   * problem.
   *
   * @param reader reads a kept event at a panic
   */
  public static Panicwatch start(
      String name,
      PanicwatchOptions options,
      MessageRenderer renderer,
      EventReader reader,
      StatusSink status) {
    return startInProcess(name, options, renderer, reader, status);
  }

  /** The running application's jar and git.properties (its own class path when it runs from no jar). */
  private static Panicwatch startInProcess(
      String name,
      PanicwatchOptions options,
      MessageRenderer renderer,
      EventReader reader,
      StatusSink status) {
    ApplicationJar jar = ApplicationJar.locate();
    GitProperties git = GitProperties.ofApplication(jar, Panicwatch.class.getClassLoader());
    Panicwatch engine = new Panicwatch(name, options, renderer, reader, status, jar, git);
    engine.reportPreviousCrashes(options);
    return engine;
  }

  /**
   * Looks for fatal-error reports an earlier run of this service left, and reports each one once
   * (issue 16), on the delivery thread: the application's start waits for none of it. Only for a
   * panicwatch inside the service itself: the watcher reports its child's crash as it sees it.
   */
  private void reportPreviousCrashes(PanicwatchOptions options) {
    PreviousCrashes previous = PreviousCrashes.ofThisJvm(
        name, ReportedCrashes.of(options, status), panic -> deliver(panic, List.of()), status);
    if (!deliveryThread.submit(previous)) {
      status.warn("Panicwatch [" + name + "]: fatal-error reports of earlier runs are not looked at (the delivery"
          + " thread took no work)", null);
    }
  }

  public PanicSelector selector() {
    return selector;
  }

  public BreadcrumbRing breadcrumbs() {
    return breadcrumbs;
  }

  public String release() {
    return eventBuilder.release();
  }

  public String environment() {
    return eventBuilder.environment();
  }

  /**
   * Reports a panic: snapshots the breadcrumbs on the calling thread (so they are the lines that
   * preceded this panic), then hands the rest to the delivery thread (see {@link #keep}). Never
   * throws; blocks only where losing the panic is the alternative.
   */
  public void capture(PanicRecord panic) {
    if (deliveryThread.isCurrentThread()) {
      return; // a panic logged while delivering one would loop
    }
    List<RecordedLine> lines = breadcrumbs.snapshot();
    keep(() -> deliver(panic, lines));
  }

  /** Builds the event, and hands it to the SDK (which scrubs it in beforeSend); on this thread. */
  private void deliver(PanicRecord panic, List<RecordedLine> lines) {
    delivery.capture(eventBuilder.build(panic, lines), Fingerprint.of(panic));
  }

  /**
   * Hands a panic's work to the delivery thread, so the log call returns at once; except (issue 12,
   * issue 21):
   * <ul>
   *   <li>while the JVM exits, the caller waits (at most the flush timeout, whatever its interrupt
   *       flag) until the panic is on disk or in the outbox: the framework's own shutdown (Logback's
   *       {@code AsyncAppender} draining its queue, Log4j2 stopping its Disruptor) hands us its last
   *       panics while our shutdown hook runs beside it, and nothing else would wait for them;
   *   <li>when the queue is full (a storm of panics) or already stopped, the calling thread does the
   *       work itself (building, scrubbing, writing one file) rather than lose the panic.
   * </ul>
   * Only a panic that reaches a closed engine is dropped; it is counted and said once per burst.
   */
  private void keep(Runnable work) {
    if (closed) {
      delivery.lost().drop("the appender is stopped");
      return;
    }
    if (exiting ? deliveryThread.submitAndWait(work, flushTimeoutMillis) : deliveryThread.submit(work)) {
      return;
    }
    Lock lock = lifecycle.readLock();
    lock.lock(); // close() waits for this panic, then flushes it; held only where it would be lost
    try {
      if (closed) {
        delivery.lost().drop("the appender is stopped");
        return;
      }
      try {
        work.run(); // SentryDelivery masks the interrupt flag for what would fail on it
      } catch (RuntimeException | Error e) {
        delivery.lost().drop("Delivering a panic failed: " + e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits, at most the flush timeout, until every panic captured so far has left or is in the outbox. */
  public void flush() {
    long deadline = System.nanoTime() + flushTimeoutMillis * 1_000_000L;
    deliveryThread.drain(flushTimeoutMillis);
    delivery.flush(remainingMillis(deadline));
  }

  /** Stops reporting: restores the uncaught handler, flushes within the flush timeout, closes. */
  @Override
  public void close() {
    if (captureUncaught) {
      UncaughtPanicHandler.leave(this);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; our hook flushes beside us
    }
    flushAndClose();
  }

  /**
   * Tells the engine whether the logging framework stops the appender at JVM exit (Logback's
   * {@code <shutdownHook/>}, Log4j2's shutdown hook), asked when the JVM exits. If it does, our
   * shutdown hook waits, within the flush timeout, for that stop: the framework stops the appender
   * only after its async queue (an {@code AsyncAppender}, a Disruptor) has handed us every panic,
   * and on a loaded machine that can come after the framework's own hook gave up waiting for its
   * worker, when nothing but our hook still holds the JVM up (issue 12, issue 21).
   */
  public void expectStopAtExit(BooleanSupplier frameworkStopsAtExit) {
    this.frameworkStopsAtExit = frameworkStopsAtExit;
  }

  /**
   * Our shutdown hook: flushes, and from then on every panic is kept before the log call returns.
   * It closes nothing: the logging framework may still be stopping (its own hook runs beside ours)
   * and hand us its last panics; whatever is open goes away with the process.
   */
  private void flushAtExit() {
    long deadline = System.nanoTime() + flushTimeoutMillis * 1_000_000L;
    boolean stopComing;
    try {
      // asked first: the framework's hook runs beside ours and forgets its hook when it resets
      stopComing = frameworkStopsAtExit.getAsBoolean();
    } catch (RuntimeException e) {
      stopComing = false;
    }
    exiting = true;
    flush();
    if (stopComing) {
      InterruptMask.await(
          remainingMillis(deadline), nanos -> closedAndFlushed.await(nanos, TimeUnit.NANOSECONDS));
    }
  }

  private synchronized void flushAndClose() {
    if (closed) {
      return;
    }
    long deadline = System.nanoTime() + flushTimeoutMillis * 1_000_000L;
    Lock lock = lifecycle.writeLock();
    // panics being kept on other threads (see keep) finish first, so this flush takes them along
    boolean locked = InterruptMask.await(flushTimeoutMillis, nanos -> lock.tryLock(nanos, TimeUnit.NANOSECONDS));
    try {
      int unprepared = deliveryThread.shutdown(remainingMillis(deadline));
      if (unprepared > 0) {
        delivery.lost().drop(
            unprepared + " panic(s) still being prepared after " + flushTimeoutMillis + " ms at stop");
      }
      delivery.flush(remainingMillis(deadline));
      closed = true;
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
    delivery.close();
    closedAndFlushed.countDown();
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
  }

  private String describe(String dsn, File outbox, BuildIdentity identity) {
    StringBuilder text = new StringBuilder("Panicwatch [").append(name).append("] reports panics ");
    if (dsn != null) {
      URI uri = URI.create(dsn);
      text.append("to Sentry at ").append(uri.getHost());
      if (uri.getPort() != -1) {
        text.append(':').append(uri.getPort());
      }
      text.append(" (project ").append(uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)).append(')');
      if (outbox != null) {
        text.append(" and to the outbox ").append(outbox);
      }
      File spool = delivery.spoolDir();
      text.append(spool == null ? ", held in memory until sent (no spool folder)" : ", spooled in " + spool + " (private to this user)");
    } else {
      text.append("to the outbox ").append(outbox).append(" (no DSN configured)");
    }
    text.append("; release ").append(identity.release()).append(", environment ").append(identity.environment());
    String git = identity.git().describe();
    if (git != null) {
      text.append(", ").append(git);
    }
    return text.append(", ").append(selector).toString();
  }

  /**
   * Internal, for the benchmarks module only: does all that {@link #capture} does (snapshot, build,
   * scrub, hand-off to the SDK's transport) on the calling thread, so the whole cost of a panic can
   * be measured. Adapters call {@link #capture}.
   */
  public void captureOnCallingThread(PanicRecord panic) {
    deliver(panic, breadcrumbs.snapshot());
  }

  /**
   * Reports a panic seen from outside the process (by the panic-watch watcher) with the breadcrumbs
   * the caller snapshotted when it saw the panic; the event is built, scrubbed and handed to the SDK
   * as {@link #capture(PanicRecord)} does.
   */
  public void capture(ObservedPanic panic, List<RecordedLine> lines) {
    keep(() -> deliver(panic, lines));
  }

  /** Builds the event of a panic seen from outside its process, and hands it to the SDK; on this thread. */
  private void deliver(ObservedPanic panic, List<RecordedLine> lines) {
    delivery.capture(eventBuilder.build(panic, lines), Fingerprint.of(panic));
  }

  /**
   * Starts reporting for a process other than this one (the panic-watch watcher): release,
   * {@code checksum}, {@code commit} and {@code branch} come from {@code applicationJar}, the child's
   * jar, instead of the running one's (never from this process's class path). Call only with options whose {@code validate()} returned no problem.
   *
   * @param applicationJar the watched application's jar, or {@code null} when it runs from none
   */
  public static Panicwatch start(
      String name,
      PanicwatchOptions options,
      MessageRenderer renderer,
      StatusSink status,
      ApplicationJar applicationJar) {
    return new Panicwatch(
        name, options, renderer, null, status, applicationJar, GitProperties.ofJar(applicationJar));
  }
}
