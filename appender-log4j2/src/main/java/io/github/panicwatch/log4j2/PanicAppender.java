package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.EngineLease;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.UnresolvedVariables;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The Panicwatch appender for Log4j2, {@code <Panicwatch name="PANIC" …>} in {@code log4j2.xml}:
 * sends panics (events at level FATAL or with a {@code FATAL} or {@code PANIC} marker, and uncaught
 * exceptions) to Sentry, each with the log lines that preceded it, scrubbed of secrets. Every other
 * event only enters the breadcrumb ring. Same options, names and defaults as the Logback appender,
 * bound from the core's declarations; see the README's "Log4j2" section.
 *
 * <p>Messages are always formatted at the log call (as {@code eagerFormatting} would): Log4j2 reuses
 * messages and their parameters, so a deferred reference would show a later call's values. A
 * breadcrumb is copied into a preallocated slot and allocates nothing ({@link Log4j2Breadcrumbs}).
 *
 * <p>A reconfiguration starts the new configuration's appenders before it stops the old ones, so the
 * new appender of this name takes the running engine while the old one still holds it, and the old
 * one's stop only ends its hold (issue 12; the core decides, see {@link EngineLease}).
 */
@Plugin(name = "Panicwatch", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class PanicAppender extends AbstractAppender {
  private final PanicwatchOptions options;
  private final AppenderStartup startup;
  private final Configuration configuration;
  private volatile Panicwatch panicwatch;
  private EngineLease lease;

  private PanicAppender(String name, Builder builder, PanicwatchOptions options, AppenderStartup startup) {
    super(name, builder.getFilter(), null, builder.isIgnoreExceptions(), Property.EMPTY_ARRAY);
    this.options = options;
    this.startup = startup;
    this.configuration = builder.getConfiguration();
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
    lease = startup.acquire(scope(), Log4j2Events.INSTANCE);
    panicwatch = lease == null ? null : lease.engine();
    if (panicwatch != null && configuration != null) {
      // Log4j2's shutdown hook stops us after its Disruptor and async appenders drained into us
      panicwatch.expectStopAtExit(configuration::isShutdownHookEnabled);
    }
    super.start();
  }

  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    super.stop(timeout, timeUnit, false);
    panicwatch = null;
    EngineLease held = lease;
    lease = null;
    if (held != null) {
      held.release(); // the last hold closes the engine, flushing within flushTimeoutMillis
    }
    setStopped();
    return true;
  }

  /** Names count within the logger context: a reconfiguration keeps the context, another context has engines of its own. */
  private Object scope() {
    Object context = configuration == null ? null : configuration.getLoggerContext();
    return context != null ? context : PanicAppender.class;
  }

  @Override
  public void append(LogEvent event) {
    Panicwatch running = panicwatch;
    if (running != null) {
      running.append(event, Log4j2Events.INSTANCE);
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
   * Binds the {@code <Panicwatch>} element: its attributes are the Logback appender's element names,
   * each bound from the core's declarations ({@link NodeOptions}), and {@code <Tag>} and {@code
   * <Scrub>} its nested elements; an attribute left out leaves the core's default in force.
   * {@link #build()} relays configuration problems through the status logger and returns {@code
   * null}: Log4j2 then skips this appender and keeps every other one.
   */
  public static final class Builder extends AbstractAppender.Builder<Builder>
      implements org.apache.logging.log4j.core.util.Builder<PanicAppender> {

    @NodeOptions private PanicwatchOptions options = new PanicwatchOptions();

    /** The options to start with, for a builder used from code rather than from a configuration file. */
    public Builder setOptions(PanicwatchOptions options) {
      this.options = options;
      return this;
    }

    @Override
    public PanicAppender build() {
      // Log4j2 leaves a ${NAME} it cannot resolve standing in the attribute's text
      AppenderStartup startup =
          AppenderStartup.check(getName(), options, key -> null, UnresolvedVariables.PLACEHOLDER, Log4j2StatusSink.INSTANCE);
      if (!startup.valid()) {
        return null;
      }
      return new PanicAppender(getName(), this, options, startup);
    }
  }
}
