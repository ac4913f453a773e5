package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.EventReader;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.ProxyOptions;
import io.github.panicwatch.core.crash.PreviousCrashes;
import io.github.panicwatch.core.crash.ReportedCrashes;
import io.github.panicwatch.core.deliver.DeliveryThread;
import io.github.panicwatch.core.deliver.Fingerprint;
import io.github.panicwatch.core.deliver.InterruptMask;
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
import io.github.panicwatch.core.select.Selection;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.threads.CapturedThreads;
import io.github.panicwatch.core.threads.Deadlock;
import io.github.panicwatch.core.threads.DeadlockWatch;
import io.github.panicwatch.core.threads.ThreadCapture;
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
 * A running Panicwatch, the engine: what {@link AppenderStartup} starts when reporting is enabled
 * and the options are valid. It owns the selector, the breadcrumb ring, the event builder, the
 * Sentry client, the delivery thread, the shutdown hook, its membership of the uncaught-exception
 * handler, the thread capture of {@code attachThreads} and the deadlock watch. The appenders of one name share it across reconfigurations, each through an {@link
 * EngineLease} (the last one to stop closes it, see {@link EngineRegistry}), and call {@link #append}
 * for every event; the watcher starts its own, calls {@link #capture(ObservedPanic, List)} and
 * {@link #close}.
 */
public final class Panicwatch implements AutoCloseable {
  private final PanicSelector selector;
  private final BreadcrumbRing breadcrumbs;
  private final EventBuilder eventBuilder;
  private final SentryDelivery delivery;
  private final DeliveryThread deliveryThread;
  private final long flushTimeoutMillis;
  private final HolderStatus status;
  private final Thread shutdownHook;
  private final boolean captureUncaught;
  /** {@code null} unless {@code attachThreads}. */
  private final ThreadCapture threadCapture;
  /** {@code null} unless {@code detectDeadlocks}, in process. */
  private final DeadlockWatch deadlockWatch;
  private final String description;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** Set by our shutdown hook: panics are kept before the log call returns from then on. */
  private volatile boolean exiting;
  private volatile boolean closed;
  private final CountDownLatch closedAndFlushed = new CountDownLatch(1);
  private volatile BooleanSupplier frameworkStopsAtExit = () -> false;

  /**
   * Starts reporting. Call only with options whose {@code validate()} returned no problem; {@link
   * AppenderStartup} does.
   *
   * @param events the adapter's translation of its events; {@code null} for the watcher, which
   *     appends none
   * @param status prefixed for this appender already
   * @param jar the reported application's jar, or {@code null} when it runs from none
   * @param git the reported application's git.properties (commit and branch tags)
   * @param inProcess false when reporting for another process (the watcher's child): then no
   *     uncaught-exception handler is joined, whatever {@code captureUncaught} says, since this
   *     process's threads are not the ones watched
   * @param previousRing the ring of the engine this one replaces after a reconfiguration, whose lines
   *     it goes on with; {@code null} for none
   */
  Panicwatch(
      String name,
      PanicwatchOptions options,
      FrameworkEvents<?, ?> events,
      StatusSink status,
      ApplicationJar jar,
      GitProperties git,
      boolean inProcess,
      BreadcrumbRing previousRing) {
    this.status = new HolderStatus(status);
    this.flushTimeoutMillis = options.flushTimeoutMillis();
    this.selector =
        new PanicSelector(
            options.panicMarkers(), options.minimumEventLevel(), options.minimumBreadcrumbLevel());
    // a previous ring is of the kind this adapter needs: the registry hands it only to the next
    // appender of its name in its framework's context, so to the same adapter
    this.breadcrumbs =
        previousRing != null
            ? previousRing.withCapacity(options.maxBreadcrumbs())
            : ringFor(events, options.maxBreadcrumbs());
    BuildIdentity identity =
        BuildIdentity.resolve(
            options.release(), options.environment(), options.edition(), options.tags(), jar, git);
    for (String problem : git.problems()) {
      this.status.warn(problem, null);
    }
    String release = identity.release();
    String environment = identity.environment();
    File outbox = options.outboxFile();
    this.delivery =
        new SentryDelivery(
            name, options, release, environment, new EventScrubber(Scrubber.compile(options.scrub())), this.status);
    this.eventBuilder =
        new EventBuilder(release, environment, identity.tags(), jar, options.contextTags(), delivery.stackFrames());
    this.threadCapture = options.attachThreads() ? new ThreadCapture() : null;
    this.deliveryThread = new DeliveryThread(name, this.status);
    this.shutdownHook = new Thread(this::flushAtExit, "panicwatch-shutdown-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.captureUncaught = inProcess && options.captureUncaught();
    if (captureUncaught) {
      UncaughtPanicHandler.join(this);
    }
    this.description = describe(options, outbox, identity, inProcess);
    this.status.info(description);
    if (inProcess && options.reportPreviousCrashes()) {
      reportPreviousCrashes(options);
    }
    // last: its thread reports through everything above (issue 18); the watcher's own JVM is not the one watched
    this.deadlockWatch =
        inProcess && options.detectDeadlocks()
            ? DeadlockWatch.start(name, options.deadlockCheckIntervalMillis(), this::report, this.status)
            : null;
  }

  /**
   * Looks for fatal-error reports an earlier run of this service left, and reports each one once
   * (issue 16), on the delivery thread: the application's start waits for none of it. Only inside
   * the service itself: the watcher reports its child's crash as it sees it.
   */
  private void reportPreviousCrashes(PanicwatchOptions options) {
    ReportedCrashes reported = ReportedCrashes.of(options, status);
    // even reading this JVM's flags loads JMX, tens of milliseconds: all of it on the delivery thread
    Runnable previous = () -> PreviousCrashes.ofThisJvm(reported, panic -> deliver(panic, List.of()), status).run();
    if (!deliveryThread.submit(previous)) {
      status.warn("fatal-error reports of earlier runs are not looked at (the delivery thread took no work)", null);
    }
  }

  /**
   * The one append path of every adapter: the selector decides what {@code event} is, as {@code
   * events} describe it; a breadcrumb goes into the ring the way the adapter writes it, a panic is
   * captured. Runs on every log call of the host: never blocks for a breadcrumb, and allocates
   * nothing beyond what the adapter's write does.
   */
  public <E, M> void append(E event, FrameworkEvents<E, M> events) {
    Severity level = events.severity(event);
    Selection selection = selector.select(event, level, events);
    if (selection == Selection.BREADCRUMB) {
      events.writeBreadcrumb(event, level, breadcrumbs);
    } else if (selection == Selection.PANIC) {
      capture(events.panic(event, level));
    }
  }

  /**
   * The kind of ring the adapter's events need: an adapter whose events never change after the call
   * (Logback) has them kept whole and read by its reader at a panic; one whose events are reused
   * (Log4j2) copies each line into a preallocated slot at the call (issue 17). The watcher appends
   * nothing: its ring of slots stays empty, and makes no slot.
   */
  private static BreadcrumbRing ringFor(FrameworkEvents<?, ?> events, int maxBreadcrumbs) {
    EventReader reader = events == null ? null : events.reader();
    return reader != null ? BreadcrumbRing.keepingEvents(maxBreadcrumbs, reader) : BreadcrumbRing.ofSlots(maxBreadcrumbs);
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
    // the stacks of this moment, on the logging thread: by the time the delivery thread runs, they moved on
    CapturedThreads threads = threadCapture == null ? null : threadCapture.atPanic(panic.thread());
    keep(() -> deliver(panic, lines, threads));
  }

  /** Builds the event, and hands it to the SDK (which scrubs it in beforeSend); on this thread. */
  private void deliver(PanicRecord panic, List<RecordedLine> lines, CapturedThreads threads) {
    try {
      delivery.capture(eventBuilder.build(panic, lines, threads), Fingerprint.of(panic));
    } finally {
      if (threads != null) {
        threads.close(); // its place among the captures that may wait at once (ThreadCapture)
      }
    }
  }

  /**
   * Reports a deadlock the watch found (issue 18), on the watch's thread: the breadcrumbs of the
   * moment, its threads, and with {@code attachThreads} every other thread, taken now; the rest on
   * the delivery thread, as for any panic.
   */
  private void report(Deadlock deadlock) {
    List<RecordedLine> lines = breadcrumbs.snapshot();
    CapturedThreads threads =
        threadCapture == null ? CapturedThreads.of(deadlock.threads()) : threadCapture.allWith(deadlock.threads());
    keep(
        () -> {
          String fingerprint = Fingerprint.of(deadlock);
          delivery.capture(eventBuilder.build(deadlock, lines, threads, fingerprint), fingerprint);
        });
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

  /** True once {@link #close} has flushed and closed this engine. */
  boolean isClosed() {
    return closed;
  }

  /** Where and how this engine reports, as its start-up line said. */
  String description() {
    return description;
  }

  /** From now on, status lines go to {@code holder}: the appender that holds this engine now. */
  void relayStatusTo(StatusSink holder) {
    status.relayTo(holder);
  }

  /**
   * Stops reporting uncaught exceptions, before closing: a reconfiguration started another engine for
   * this appender name, which reports them now (once, not twice).
   */
  void leaveUncaught() {
    if (captureUncaught) {
      UncaughtPanicHandler.leave(this);
    }
  }

  /**
   * Waits, at most the flush timeout, until every panic captured so far has left or is in the outbox.
   * Does nothing once the engine is closed: at exit our hook flushes while the framework's hook may be
   * closing the engine, and a flush reaching the SDK's closed client made it print a rejected-task
   * warning as if something had gone wrong. The read lock keeps {@link #close} from closing the
   * client under a flush in progress (close waits for it, within the flush timeout).
   */
  public void flush() {
    long deadline = System.nanoTime() + flushTimeoutMillis * 1_000_000L;
    Lock lock = lifecycle.readLock();
    boolean locked = InterruptMask.await(flushTimeoutMillis, nanos -> lock.tryLock(nanos, TimeUnit.NANOSECONDS));
    if (!locked) {
      return; // close() holds it: it flushes everything itself
    }
    try {
      if (closed) {
        return;
      }
      deliveryThread.drain(remainingMillis(deadline));
      delivery.flush(remainingMillis(deadline));
    } finally {
      lock.unlock();
    }
  }

  /** Stops reporting: restores the uncaught handler, flushes within the flush timeout, closes. */
  @Override
  public void close() {
    if (deadlockWatch != null) {
      deadlockWatch.close(flushTimeoutMillis); // first: no deadlock is reported into a closing engine
    }
    leaveUncaught();
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

  private String describe(PanicwatchOptions options, File outbox, BuildIdentity identity, boolean inProcess) {
    StringBuilder text = new StringBuilder("reports panics ");
    String dsn = options.dsn();
    if (dsn != null) {
      URI uri = URI.create(dsn);
      text.append("to Sentry at ").append(uri.getHost());
      if (uri.getPort() != -1) {
        text.append(':').append(uri.getPort());
      }
      text.append(" (project ").append(uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)).append(')');
      ProxyOptions proxy = options.proxy();
      if (proxy != null) { // never its password
        text.append(" through the proxy ").append(proxy.getHost().trim()).append(':').append(proxy.getPort().trim());
        if (proxy.getUser() != null) {
          text.append(" as ").append(proxy.getUser());
        }
      }
      if (outbox != null) {
        text.append(" and to the outbox ").append(outbox);
      }
      File spool = delivery.spoolDir();
      text.append(spool == null ? ", held in memory until sent (no spool folder)" : ", spooled in " + spool + " (private to this user)");
    } else {
      text.append("to the outbox ").append(outbox).append(" (no DSN configured)");
    }
    text.append("; release ").append(identity.release());
    if (options.dist() != null) {
      text.append(" (dist ").append(options.dist()).append(')');
    }
    text.append(", environment ").append(identity.environment());
    if (options.serverName() != null) {
      text.append(", server name ").append(options.serverName());
    }
    String git = identity.git().describe();
    if (git != null) {
      text.append(", ").append(git);
    }
    text.append(", ").append(selector);
    if (options.attachThreads()) {
      text.append(", with every thread's stack");
    }
    if (inProcess && options.detectDeadlocks()) {
      text.append(", deadlocks checked every ").append(options.deadlockCheckIntervalMillis()).append(" ms");
    }
    if (options.debug()) {
      text.append("; debug: the Sentry SDK's diagnostic lines follow as status lines");
    }
    return text.toString();
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
}
