package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.config.OptionBinder;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.select.PanicSelector;
import io.github.panicwatch.core.select.Selection;
import io.github.panicwatch.core.select.Severity;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;

/**
 * The Panicwatch appender for Log4j2, {@code <Panicwatch name="PANIC" …>} in {@code log4j2.xml}:
 * sends panics (events at level FATAL or with a {@code FATAL} or {@code PANIC} marker, and uncaught
 * exceptions) to Sentry, each with the log lines that preceded it, scrubbed of secrets. Every other
 * event only enters the breadcrumb ring. Same options, names and defaults as the Logback appender;
 * see the README's "Log4j2" section.
 *
 * <p>Messages are always formatted at the log call (as {@code eagerFormatting} would): Log4j2 reuses
 * messages and their parameters, so a deferred reference would show a later call's values. A
 * breadcrumb is copied into a preallocated slot and allocates nothing ({@link Log4j2Breadcrumbs}).
 */
@Plugin(name = "Panicwatch", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class PanicAppender extends AbstractAppender {
  private final PanicwatchOptions options;
  private final AppenderStartup startup;
  private volatile Panicwatch panicwatch;

  private PanicAppender(String name, Builder builder, PanicwatchOptions options, AppenderStartup startup) {
    super(name, builder.getFilter(), null, builder.isIgnoreExceptions(), Property.EMPTY_ARRAY);
    this.options = options;
    this.startup = startup;
  }

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    // the builder already checked; off or failed to launch leaves a started but inert appender
    panicwatch = startup.launch(BreadcrumbRing::ofSlots);
    super.start();
  }

  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    super.stop(timeout, timeUnit, false);
    Panicwatch running = panicwatch;
    panicwatch = null;
    if (running != null) {
      running.close(); // flushes within flushTimeoutMillis
    }
    setStopped();
    return true;
  }

  @Override
  public void append(LogEvent event) {
    Panicwatch running = panicwatch;
    if (running == null) {
      return;
    }
    Severity level = Log4j2Events.severity(event.getLevel());
    PanicSelector selector = running.selector();
    // Log4j2 has a real FATAL level: an event at it is a panic, marker or not
    boolean fatal = level == Severity.FATAL || Log4j2Events.carriesPanicMarker(event, selector);
    Selection selection = selector.select(level, fatal);
    if (selection == Selection.BREADCRUMB) {
      Log4j2Breadcrumbs.write(running.breadcrumbs(), event, level);
    } else if (selection == Selection.PANIC) {
      running.capture(Log4j2Events.panic(event, level));
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

  /**
   * Binds the {@code <Panicwatch>} element. Attribute names are the Logback appender's element names;
   * an attribute left out leaves the field null and the core's default in force, so no default is
   * written here. {@link #build()} relays configuration problems through the status logger and
   * returns {@code null}: Log4j2 then skips this appender and keeps every other one.
   */
  public static final class Builder extends AbstractAppender.Builder<Builder>
      implements org.apache.logging.log4j.core.util.Builder<PanicAppender> {

    @PluginBuilderAttribute(sensitive = true) private String dsn;
    @PluginBuilderAttribute private String outbox;
    @PluginBuilderAttribute private String release;
    @PluginBuilderAttribute private String environment;
    @PluginBuilderAttribute private String edition;
    @PluginBuilderAttribute private String maxBreadcrumbs;
    @PluginBuilderAttribute private String minimumBreadcrumbLevel;
    @PluginBuilderAttribute private String minimumEventLevel;
    @PluginBuilderAttribute private String panicMarker;
    @PluginBuilderAttribute private String enableSentry;
    @PluginBuilderAttribute private String captureUncaught;
    @PluginBuilderAttribute private String flushTimeoutMillis;
    @PluginBuilderAttribute private String eagerFormatting;
    @PluginBuilderAttribute private String cacheDirPath;
    @PluginBuilderAttribute private String maxSpooledEvents;
    @PluginBuilderAttribute private String maxEventsPerFingerprint;
    @PluginBuilderAttribute private String fingerprintWindow;
    @PluginBuilderAttribute private String connectionTimeoutMillis;
    @PluginBuilderAttribute private String readTimeoutMillis;

    /** {@code <Tag name=… value=…/>} elements. */
    @PluginElement("Tag") private Tag[] tags;

    /** The {@code <Scrub …/>} element. */
    @PluginElement("Scrub") private ScrubOptions scrub;

    /** Sentry DSN; empty or unset: events go to the outbox. */
    public Builder setDsn(String dsn) {
      this.dsn = dsn;
      return this;
    }

    /** Outbox file; default {@code panicwatch-outbox.jsonl} without a DSN, none with one. */
    public Builder setOutbox(String outbox) {
      this.outbox = outbox;
      return this;
    }

    /** Release; default the application jar's Implementation-Version, else {@code unknown}. */
    public Builder setRelease(String release) {
      this.release = release;
      return this;
    }

    /** Environment; default {@code dev-<edition>} or {@code prod-<edition>}. */
    public Builder setEnvironment(String environment) {
      this.environment = environment;
      return this;
    }

    /** Edition that names the derived environment; default {@code oss}. */
    public Builder setEdition(String edition) {
      this.edition = edition;
      return this;
    }

    /** Lines a panic carries at most, 0 to 10000; default 100. */
    public Builder setMaxBreadcrumbs(String maxBreadcrumbs) {
      this.maxBreadcrumbs = maxBreadcrumbs;
      return this;
    }

    /** Lowest level kept as a breadcrumb; default INFO. */
    public Builder setMinimumBreadcrumbLevel(String minimumBreadcrumbLevel) {
      this.minimumBreadcrumbLevel = minimumBreadcrumbLevel;
      return this;
    }

    /** Level from which every event is a panic; default unset. */
    public Builder setMinimumEventLevel(String minimumEventLevel) {
      this.minimumEventLevel = minimumEventLevel;
      return this;
    }

    /** Panic marker names, comma-separated; configuring any replaces FATAL, PANIC. */
    public Builder setPanicMarker(String panicMarker) {
      this.panicMarker = panicMarker;
      return this;
    }

    /** {@code false} turns Panicwatch off; default: system property, then environment variable. */
    public Builder setEnableSentry(String enableSentry) {
      this.enableSentry = enableSentry;
      return this;
    }

    /** Report uncaught exceptions as panics, {@code true} or {@code false}; default true. */
    public Builder setCaptureUncaught(String captureUncaught) {
      this.captureUncaught = captureUncaught;
      return this;
    }

    /** Longest wait for delivery at stop and at JVM exit, in milliseconds; default 2000. */
    public Builder setFlushTimeoutMillis(String flushTimeoutMillis) {
      this.flushTimeoutMillis = flushTimeoutMillis;
      return this;
    }

    /** Accepted for parity with Logback; Log4j2 messages are always formatted at the call. */
    public Builder setEagerFormatting(String eagerFormatting) {
      this.eagerFormatting = eagerFormatting;
      return this;
    }

    /** Folder of the disk spool and crash-loop counts; default {@code panicwatch} under {@code java.io.tmpdir}. */
    public Builder setCacheDirPath(String cacheDirPath) {
      this.cacheDirPath = cacheDirPath;
      return this;
    }

    /** Unsent panics kept on disk at most, 1 to 100000; default 100. */
    public Builder setMaxSpooledEvents(String maxSpooledEvents) {
      this.maxSpooledEvents = maxSpooledEvents;
      return this;
    }

    /** Panics sent per fingerprint and {@code fingerprintWindow}; default 5, 0 for no limit. */
    public Builder setMaxEventsPerFingerprint(String maxEventsPerFingerprint) {
      this.maxEventsPerFingerprint = maxEventsPerFingerprint;
      return this;
    }

    /** The crash-loop guard's window, e.g. {@code 1 hour}, {@code 30 minutes}; default 1 hour. */
    public Builder setFingerprintWindow(String fingerprintWindow) {
      this.fingerprintWindow = fingerprintWindow;
      return this;
    }

    /** Connect timeout of one delivery attempt, in milliseconds; default 5000. */
    public Builder setConnectionTimeoutMillis(String connectionTimeoutMillis) {
      this.connectionTimeoutMillis = connectionTimeoutMillis;
      return this;
    }

    /** Read timeout of one delivery attempt, in milliseconds; default 5000. */
    public Builder setReadTimeoutMillis(String readTimeoutMillis) {
      this.readTimeoutMillis = readTimeoutMillis;
      return this;
    }

    @Override
    public PanicAppender build() {
      PanicwatchOptions options = options();
      AppenderStartup startup =
          AppenderStartup.check(getName(), options, key -> null, Log4j2StatusSink.INSTANCE);
      if (!startup.valid()) {
        return null;
      }
      return new PanicAppender(getName(), this, options, startup);
    }

    /** Every attribute through the core's table; one that does not parse keeps its default. */
    private PanicwatchOptions options() {
      PanicwatchOptions options =
          new AttributeBinding<>(OptionBinder.APPENDER, new PanicwatchOptions())
              .set("dsn", dsn)
              .set("outbox", outbox)
              .set("release", release)
              .set("environment", environment)
              .set("edition", edition)
              .set("maxBreadcrumbs", maxBreadcrumbs)
              .set("minimumBreadcrumbLevel", minimumBreadcrumbLevel)
              .set("minimumEventLevel", minimumEventLevel)
              .set("panicMarker", panicMarker)
              .set("enableSentry", enableSentry)
              .set("captureUncaught", captureUncaught)
              .set("flushTimeoutMillis", flushTimeoutMillis)
              .set("eagerFormatting", eagerFormatting)
              .set("cacheDirPath", cacheDirPath)
              .set("maxSpooledEvents", maxSpooledEvents)
              .set("maxEventsPerFingerprint", maxEventsPerFingerprint)
              .set("fingerprintWindow", fingerprintWindow)
              .set("connectionTimeoutMillis", connectionTimeoutMillis)
              .set("readTimeoutMillis", readTimeoutMillis)
              .bind("Appender [" + getName() + "]: ");
      if (tags != null) {
        for (Tag tag : tags) {
          options.addTag(tag);
        }
      }
      if (scrub != null) {
        options.setScrub(scrub);
      }
      return options;
    }
  }
}
