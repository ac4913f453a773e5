package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
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
import java.util.function.IntFunction;

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
  private final UncaughtPanicHandler uncaughtHandler;
  private volatile boolean closed;

  private Panicwatch(
      String name,
      PanicwatchOptions options,
      IntFunction<BreadcrumbRing> breadcrumbs,
      StatusSink status,
      ApplicationJar jar,
      GitProperties git) {
    this.name = name;
    this.status = status;
    this.flushTimeoutMillis = options.flushTimeoutMillis();
    this.selector =
        new PanicSelector(
            options.panicMarkers(), options.minimumEventLevel(), options.minimumBreadcrumbLevel());
    this.breadcrumbs = breadcrumbs.apply(options.maxBreadcrumbs());
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
    this.shutdownHook = new Thread(this::flushAndClose, "panicwatch-shutdown-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    this.uncaughtHandler = options.captureUncaught() ? UncaughtPanicHandler.install(this) : null;
    status.info(describe(options.dsn(), outbox, identity));
  }

  /**
   * Starts reporting. Call only with options whose {@code validate()} returned no problem.
   *
   * @param name the appender's name, for thread names and status messages
   * @param breadcrumbs makes the adapter's kind of ring for a capacity ({@code maxBreadcrumbs}):
   *     {@link BreadcrumbRing#keepingEvents} or {@link BreadcrumbRing#ofSlots}
   */
  public static Panicwatch start(
      String name, PanicwatchOptions options, IntFunction<BreadcrumbRing> breadcrumbs, StatusSink status) {
    ApplicationJar jar = ApplicationJar.locate(); // the running application's, or its class path
    GitProperties git = GitProperties.ofApplication(jar, Panicwatch.class.getClassLoader());
    return new Panicwatch(name, options, breadcrumbs, status, jar, git);
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
   * preceded this panic), then hands the rest to the delivery thread. Never blocks, never throws.
   */
  public void capture(PanicRecord panic) {
    if (closed || deliveryThread.isCurrentThread()) {
      return; // a panic logged while delivering one would loop
    }
    List<RecordedLine> lines = breadcrumbs.snapshot();
    deliveryThread.submit(() -> deliver(panic, lines));
  }

  /** Builds the event, and hands it to the SDK (which scrubs it in beforeSend); on this thread. */
  private void deliver(PanicRecord panic, List<RecordedLine> lines) {
    delivery.capture(eventBuilder.build(panic, lines), Fingerprint.of(panic));
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
    if (uncaughtHandler != null) {
      uncaughtHandler.uninstall();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook is doing this same work
    }
    flushAndClose();
  }

  private synchronized void flushAndClose() {
    if (closed) {
      return;
    }
    long deadline = System.nanoTime() + flushTimeoutMillis * 1_000_000L;
    if (!deliveryThread.shutdown(flushTimeoutMillis)) {
      status.warn(
          "Panicwatch [" + name + "]: panics still being prepared after " + flushTimeoutMillis
              + " ms were dropped at stop",
          null);
    }
    delivery.flush(remainingMillis(deadline));
    closed = true;
    delivery.close();
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
      text.append(", spooled in ").append(delivery.spoolDir());
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
   * the caller snapshotted when it saw the panic; like {@link #capture(PanicRecord)}, the event is
   * built, scrubbed and handed to the SDK on the delivery thread. Never blocks, never throws.
   */
  public void capture(ObservedPanic panic, List<RecordedLine> lines) {
    if (closed) {
      return;
    }
    deliveryThread.submit(() -> delivery.capture(eventBuilder.build(panic, lines), Fingerprint.of(panic)));
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
      IntFunction<BreadcrumbRing> breadcrumbs,
      StatusSink status,
      ApplicationJar applicationJar) {
    return new Panicwatch(
        name, options, breadcrumbs, status, applicationJar, GitProperties.ofJar(applicationJar));
  }
}
