package io.github.panicwatch.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.Status;
import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.EngineLease;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.ParkedEngine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.ProxyOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.scrub.ScrubOptions;

/**
 * The Panicwatch appender for Logback: sends panics (events with a {@code FATAL} or {@code PANIC}
 * marker, and uncaught exceptions) to Sentry, each with the log lines that preceded it, scrubbed of
 * secrets. Every other event only enters the breadcrumb ring. Configured in {@code logback.xml}
 * alone; see the README's "Options" section.
 *
 * <p>Each option is declared once, in {@link PanicwatchOptions}; the setters here only hand Joran's
 * text to it, so every value is parsed and checked by the core and a typo is an error status, not
 * a value Joran could not convert and silently left at its default (issue 19).
 *
 * <p>Extends {@link UnsynchronizedAppenderBase}: the ring is lock-free, and {@code AppenderBase}'s
 * synchronized {@code doAppend} would serialise every log call of the host on this appender.
 *
 * <p>A reload ({@code scan}, or a {@code JoranConfigurator} run on a reset context) stops this
 * appender before the new configuration starts the next one of its name; so a stop inside a reset
 * leaves the engine parked for it rather than closing it (issue 12; the core decides, see {@link
 * EngineLease}).
 */
public class PanicAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /**
   * What Joran makes of a {@code ${NAME}} nothing defines: {@code NAME_IS_UNDEFINED}, alone or
   * inside the text. The name is the run of name characters before the suffix.
   */
  static final UnresolvedVariables UNDEFINED_VARIABLES =
      text -> {
        int end = text.indexOf(CoreConstants.UNDEFINED_PROPERTY_SUFFIX);
        if (end < 0) {
          return null;
        }
        int start = end;
        while (start > 0 && isNameCharacter(text.charAt(start - 1))) {
          start--;
        }
        return text.substring(start, end);
      };

  private final PanicwatchOptions options = new PanicwatchOptions();
  private volatile Panicwatch panicwatch;
  private EngineLease lease;
  private LogbackEvents events;
  private WarningConsoleListener consoleListener;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    AppenderStartup startup =
        AppenderStartup.check(
            getName(),
            options,
            key -> context == null ? null : context.getProperty(key),
            UNDEFINED_VARIABLES,
            new LogbackStatusSink(this));
    if (!startup.valid()) {
      return;
    }
    if (startup.enabled()) {
      // before the engine starts, so that its start-up warnings (a refused folder, say) are heard
      // with debug, the SDK's diagnostic lines (INFO) too: sentry-logback's debug prints them
      consoleListener =
          WarningConsoleListener.addIfUnheard(
              context.getStatusManager(), this, System.err, options.debug() ? Status.INFO : Status.WARN);
      events = new LogbackEvents(options.eagerFormatting());
      lease = startup.acquire(context, events);
      if (lease == null) {
        removeConsoleListener();
        return;
      }
      panicwatch = lease.engine();
      // Logback's reset empties the context's objects before it stops the appenders: how stop()
      // tells a reset, which a configuration may follow, from a stop of this appender alone
      context.putObject(resetMarker(), this);
      // with <shutdownHook/>, Logback stops us at exit after an AsyncAppender drained into us
      panicwatch.expectStopAtExit(() -> context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD) != null);
    }
    super.start();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    panicwatch = null;
    EngineLease held = lease;
    lease = null;
    if (held != null) {
      release(held);
    }
    removeConsoleListener();
  }

  private void release(EngineLease held) {
    LoggerContext loggerContext = context instanceof LoggerContext logback ? logback : null;
    if (loggerContext == null || loggerContext.getObject(resetMarker()) == this) {
      if (loggerContext != null) {
        loggerContext.removeObject(resetMarker());
      }
      held.release(); // this appender alone: the last hold closes the engine, flushing
      return;
    }
    ParkedEngine parked = held.releaseForReconfiguration();
    if (parked != null) {
      ParkedEngineListener.register(loggerContext, parked);
    }
  }

  private String resetMarker() {
    return "panicwatch.appender." + getName();
  }

  private void removeConsoleListener() {
    if (consoleListener != null) {
      context.getStatusManager().remove(consoleListener);
      consoleListener = null;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    Panicwatch running = panicwatch;
    if (running != null) {
      running.append(event, events);
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

  /** {@link PanicwatchOptions#DSN}. */
  public void setDsn(String dsn) {
    options.set(PanicwatchOptions.DSN, dsn);
  }

  /** {@link PanicwatchOptions#OUTBOX}. */
  public void setOutbox(String outbox) {
    options.set(PanicwatchOptions.OUTBOX, outbox);
  }

  /** {@link PanicwatchOptions#RELEASE}. */
  public void setRelease(String release) {
    options.set(PanicwatchOptions.RELEASE, release);
  }

  /** {@link PanicwatchOptions#ENVIRONMENT}. */
  public void setEnvironment(String environment) {
    options.set(PanicwatchOptions.ENVIRONMENT, environment);
  }

  /** {@link PanicwatchOptions#EDITION}. */
  public void setEdition(String edition) {
    options.set(PanicwatchOptions.EDITION, edition);
  }

  /** A {@code <tag>} every event carries; repeatable. */
  public void addTag(Tag tag) {
    options.addTag(tag);
  }

  /** {@link PanicwatchOptions#MAX_BREADCRUMBS}. */
  public void setMaxBreadcrumbs(String maxBreadcrumbs) {
    options.set(PanicwatchOptions.MAX_BREADCRUMBS, maxBreadcrumbs);
  }

  /** {@link PanicwatchOptions#MINIMUM_BREADCRUMB_LEVEL}. */
  public void setMinimumBreadcrumbLevel(String level) {
    options.set(PanicwatchOptions.MINIMUM_BREADCRUMB_LEVEL, level);
  }

  /** {@link PanicwatchOptions#MINIMUM_EVENT_LEVEL}. */
  public void setMinimumEventLevel(String level) {
    options.set(PanicwatchOptions.MINIMUM_EVENT_LEVEL, level);
  }

  /** {@link PanicwatchOptions#PANIC_MARKER}; repeatable. */
  public void addPanicMarker(String name) {
    options.set(PanicwatchOptions.PANIC_MARKER, name);
  }

  /** {@link PanicwatchOptions#ENABLE_SENTRY}. */
  public void setEnableSentry(String enableSentry) {
    options.set(PanicwatchOptions.ENABLE_SENTRY, enableSentry);
  }

  /** {@link PanicwatchOptions#CAPTURE_UNCAUGHT}. */
  public void setCaptureUncaught(String captureUncaught) {
    options.set(PanicwatchOptions.CAPTURE_UNCAUGHT, captureUncaught);
  }

  /** {@link PanicwatchOptions#REPORT_PREVIOUS_CRASHES}. */
  public void setReportPreviousCrashes(String reportPreviousCrashes) {
    options.set(PanicwatchOptions.REPORT_PREVIOUS_CRASHES, reportPreviousCrashes);
  }

  /** {@link PanicwatchOptions#FLUSH_TIMEOUT_MILLIS}. */
  public void setFlushTimeoutMillis(String flushTimeoutMillis) {
    options.set(PanicwatchOptions.FLUSH_TIMEOUT_MILLIS, flushTimeoutMillis);
  }

  /** {@link PanicwatchOptions#EAGER_FORMATTING}. */
  public void setEagerFormatting(String eagerFormatting) {
    options.set(PanicwatchOptions.EAGER_FORMATTING, eagerFormatting);
  }

  /** The {@code <scrub>} element: the scrubbing rules. */
  public void setScrub(ScrubOptions scrub) {
    options.setScrub(scrub);
  }

  /** {@link PanicwatchOptions#CACHE_DIR_PATH}. */
  public void setCacheDirPath(String cacheDirPath) {
    options.set(PanicwatchOptions.CACHE_DIR_PATH, cacheDirPath);
  }

  /** {@link PanicwatchOptions#MAX_SPOOLED_EVENTS}. */
  public void setMaxSpooledEvents(String maxSpooledEvents) {
    options.set(PanicwatchOptions.MAX_SPOOLED_EVENTS, maxSpooledEvents);
  }

  /** {@link PanicwatchOptions#MAX_EVENTS_PER_FINGERPRINT}. */
  public void setMaxEventsPerFingerprint(String maxEventsPerFingerprint) {
    options.set(PanicwatchOptions.MAX_EVENTS_PER_FINGERPRINT, maxEventsPerFingerprint);
  }

  /** {@link PanicwatchOptions#FINGERPRINT_WINDOW}. */
  public void setFingerprintWindow(String fingerprintWindow) {
    options.set(PanicwatchOptions.FINGERPRINT_WINDOW, fingerprintWindow);
  }

  /** {@link PanicwatchOptions#CONNECTION_TIMEOUT_MILLIS}. */
  public void setConnectionTimeoutMillis(String connectionTimeoutMillis) {
    options.set(PanicwatchOptions.CONNECTION_TIMEOUT_MILLIS, connectionTimeoutMillis);
  }

  /** {@link PanicwatchOptions#READ_TIMEOUT_MILLIS}. */
  public void setReadTimeoutMillis(String readTimeoutMillis) {
    options.set(PanicwatchOptions.READ_TIMEOUT_MILLIS, readTimeoutMillis);
  }

  // sentry-logback's own options (issue 15)

  /** {@link PanicwatchOptions#SERVER_NAME}. */
  public void setServerName(String serverName) {
    options.set(PanicwatchOptions.SERVER_NAME, serverName);
  }

  /** {@link PanicwatchOptions#DIST}. */
  public void setDist(String dist) {
    options.set(PanicwatchOptions.DIST, dist);
  }

  /** {@link PanicwatchOptions#IN_APP_INCLUDE}; repeatable. */
  public void addInAppInclude(String packagePrefix) {
    options.set(PanicwatchOptions.IN_APP_INCLUDE, packagePrefix);
  }

  /** {@link PanicwatchOptions#IN_APP_EXCLUDE}; repeatable. */
  public void addInAppExclude(String packagePrefix) {
    options.set(PanicwatchOptions.IN_APP_EXCLUDE, packagePrefix);
  }

  /** {@link PanicwatchOptions#CONTEXT_TAG}; repeatable. */
  public void addContextTag(String mdcKey) {
    options.set(PanicwatchOptions.CONTEXT_TAG, mdcKey);
  }

  /** {@link PanicwatchOptions#DEBUG}. */
  public void setDebug(String debug) {
    options.set(PanicwatchOptions.DEBUG, debug);
  }

  /** The {@code <proxy>} element: {@code host}, {@code port}, {@code user}, {@code pass}. */
  public void setProxy(ProxyOptions proxy) {
    options.setProxy(proxy);
  }

  private static boolean isNameCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }
}
