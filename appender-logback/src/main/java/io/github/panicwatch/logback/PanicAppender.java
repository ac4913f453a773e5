package io.github.panicwatch.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.select.PanicSelector;
import io.github.panicwatch.core.select.Selection;
import io.github.panicwatch.core.select.Severity;

/**
 * The Panicwatch appender for Logback: sends panics (events with a {@code FATAL} or {@code PANIC}
 * marker, and uncaught exceptions) to Sentry, each with the log lines that preceded it, scrubbed of
 * secrets. Every other event only enters the breadcrumb ring. Configured in {@code logback.xml}
 * alone; see the README's "Options" section.
 *
 * <p>Extends {@link UnsynchronizedAppenderBase}: the ring is lock-free, and {@code AppenderBase}'s
 * synchronized {@code doAppend} would serialise every log call of the host on this appender.
 */
public class PanicAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final PanicwatchOptions options = new PanicwatchOptions();
  private volatile Panicwatch panicwatch;
  private WarningConsoleListener consoleListener;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    AppenderStartup startup =
        AppenderStartup.check(
            getName(), options, key -> context == null ? null : context.getProperty(key), new LogbackStatusSink(this));
    if (!startup.valid()) {
      return;
    }
    if (startup.enabled()) {
      panicwatch = startup.launch(capacity -> BreadcrumbRing.keepingEvents(capacity, LogbackEvents.READER));
      if (panicwatch == null) {
        return;
      }
      consoleListener = WarningConsoleListener.addIfUnheard(context.getStatusManager(), this, System.err);
    }
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    Panicwatch running = panicwatch;
    panicwatch = null;
    if (running != null) {
      running.close();
    }
    if (consoleListener != null) {
      context.getStatusManager().remove(consoleListener);
      consoleListener = null;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    Panicwatch running = panicwatch;
    if (running == null) {
      return;
    }
    Severity level = LogbackEvents.severity(event.getLevel());
    PanicSelector selector = running.selector();
    Selection selection = selector.select(level, LogbackEvents.carriesPanicMarker(event, selector));
    if (selection == Selection.BREADCRUMB) {
      // Logback's events never change once fixed, so keeping the event is the whole write: one
      // reference store, no copy (issue 6: the event is the only allocation, and Logback made it)
      LogbackEvents.fixForKeeping(event, options.eagerFormatting());
      running.breadcrumbs().keep(event);
    } else if (selection == Selection.PANIC) {
      running.capture(LogbackEvents.panic(event, level));
    }
  }

  /** The running core, or {@code null} when stopped or switched off; for tests and the watcher. */
  Panicwatch panicwatch() {
    return panicwatch;
  }

  /** The options as configured. */
  public PanicwatchOptions getOptions() {
    return options;
  }

  /** Sentry DSN; empty or unset: events go to the outbox. */
  public void setDsn(String dsn) {
    options.setDsn(dsn);
  }

  /** Outbox file; default {@code panicwatch-outbox.jsonl} when no DSN is set, none otherwise. */
  public void setOutbox(String outbox) {
    options.setOutbox(outbox);
  }

  /** Release; default the application jar's Implementation-Version, else {@code unknown}. */
  public void setRelease(String release) {
    options.setRelease(release);
  }

  /** Environment; default {@code dev-<edition>} or {@code prod-<edition>}, derived from the release. */
  public void setEnvironment(String environment) {
    options.setEnvironment(environment);
  }

  /** Edition that names the derived environment; default {@code oss}. */
  public void setEdition(String edition) {
    options.setEdition(edition);
  }

  /** A tag every event carries; repeatable. */
  public void addTag(Tag tag) {
    options.addTag(tag);
  }

  /** Lines a panic carries at most; default 100, 0 for none. */
  public void setMaxBreadcrumbs(int maxBreadcrumbs) {
    options.setMaxBreadcrumbs(maxBreadcrumbs);
  }

  /** Lowest level kept as a breadcrumb; default INFO. */
  public void setMinimumBreadcrumbLevel(String level) {
    options.setMinimumBreadcrumbLevel(level);
  }

  /** Level from which every event is a panic; unset by default (only markers make panics). */
  public void setMinimumEventLevel(String level) {
    options.setMinimumEventLevel(level);
  }

  /** Marker name that makes an event a panic; repeatable; configuring any replaces FATAL, PANIC. */
  public void addPanicMarker(String name) {
    options.addPanicMarker(name);
  }

  /** {@code false} turns Panicwatch off entirely; default: context property, system property, env. */
  public void setEnableSentry(String enableSentry) {
    options.setEnableSentry(enableSentry);
  }

  /** Report uncaught exceptions as panics; default true. */
  public void setCaptureUncaught(boolean captureUncaught) {
    options.setCaptureUncaught(captureUncaught);
  }

  /** Longest wait for delivery at stop and at JVM exit, in milliseconds; default 2000. */
  public void setFlushTimeoutMillis(long flushTimeoutMillis) {
    options.setFlushTimeoutMillis(flushTimeoutMillis);
  }

  /** Format breadcrumb messages at the log call instead of at the panic; default false. */
  public void setEagerFormatting(boolean eagerFormatting) {
    options.setEagerFormatting(eagerFormatting);
  }

  /** Scrubbing rules, the {@code <scrub>} element. */
  public void setScrub(ScrubOptions scrub) {
    options.setScrub(scrub);
  }

  /**
   * Folder of the disk spool and the crash-loop counts (a subfolder per DSN is made inside); default
   * {@code panicwatch} under {@code java.io.tmpdir}.
   */
  public void setCacheDirPath(String cacheDirPath) {
    options.setCacheDirPath(cacheDirPath);
  }

  /** Unsent panics kept on disk at most; the oldest are dropped first; default 100. */
  public void setMaxSpooledEvents(int maxSpooledEvents) {
    options.setMaxSpooledEvents(maxSpooledEvents);
  }

  /** Panics sent per fingerprint and {@code fingerprintWindow}; default 5, 0 for no limit. */
  public void setMaxEventsPerFingerprint(int maxEventsPerFingerprint) {
    options.setMaxEventsPerFingerprint(maxEventsPerFingerprint);
  }

  /** The crash-loop guard's window, e.g. {@code 1 hour}, {@code 30 minutes}; default 1 hour. */
  public void setFingerprintWindow(String fingerprintWindow) {
    options.setFingerprintWindow(fingerprintWindow);
  }

  /** Connect timeout of one delivery attempt, in milliseconds; default 5000. */
  public void setConnectionTimeoutMillis(int connectionTimeoutMillis) {
    options.setConnectionTimeoutMillis(connectionTimeoutMillis);
  }

  /** Read timeout of one delivery attempt, in milliseconds; default 5000. */
  public void setReadTimeoutMillis(int readTimeoutMillis) {
    options.setReadTimeoutMillis(readTimeoutMillis);
  }
}
