package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.testing.AppenderHarness;
import io.github.panicwatch.testing.WrittenOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The shared scenarios on Log4j2: a fresh {@link LoggerContext} whose configuration declares
 * {@code <Panicwatch name="PANIC" …>} with the options as attributes, built by Log4j2's plugin
 * system exactly as from a log4j2.xml. Runs synchronous loggers, {@code AsyncLogger}s, or an
 * {@code <Async>} appender in front of the Panicwatch appender.
 */
final class Log4j2Harness implements AppenderHarness {
  /** How the events reach the Panicwatch appender. */
  enum Setup {
    /** On the logging thread, with Log4j2's reusable events and messages. */
    SYNCHRONOUS,
    /** {@code AsyncLoggerContext}: reused {@code RingBufferLogEvent}s, appended on Log4j2's thread. */
    ASYNC_LOGGER,
    /** {@code <Async>} appender: immutable copies of the events, appended on its own thread. */
    ASYNC_APPENDER
  }

  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  private final Setup setup;
  private LoggerContext context;
  private final List<String> statusLines = new CopyOnWriteArrayList<>();
  /** Records the appender's lines from Log4j2's status logger, INFO and above, while it runs. */
  private final StatusListener statusListener =
      new StatusListener() {
        @Override
        public void log(StatusData data) {
          String message = data.getMessage().getFormattedMessage();
          if (message.startsWith("Panicwatch [")) {
            statusLines.add(data.getLevel().name() + " " + message);
          }
        }

        @Override
        public Level getStatusLevel() {
          return Level.INFO;
        }

        @Override
        public void close() {}
      };

  Log4j2Harness(Setup setup) {
    this.setup = setup;
  }

  @Override
  public void start(Map<String, String> options, Map<String, String> tags) {
    String name = "scenario-" + setup + "-" + CONTEXTS.incrementAndGet();
    ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName(name);
    AppenderComponentBuilder panic = config.newAppender("PANIC", "Panicwatch");
    WrittenOptions written = WrittenOptions.of(options);
    written.values().forEach(panic::addAttribute);
    written.elements().forEach((element, attributes) -> {
      ComponentBuilder<?> nested = config.newComponent(WrittenOptions.log4j2Name(element));
      attributes.forEach(nested::addAttribute);
      panic.addComponent(nested);
    });
    tags.forEach(
        (tag, value) ->
            panic.addComponent(config.newComponent("Tag").addAttribute("name", tag).addAttribute("value", value)));
    config.add(panic);
    String rootRef = "PANIC";
    if (setup == Setup.ASYNC_APPENDER) {
      config.add(config.newAppender("ASYNC", "Async").addComponent(config.newAppenderRef("PANIC")));
      rootRef = "ASYNC";
    }
    config.add(config.newRootLogger(Level.DEBUG).add(config.newAppenderRef(rootRef)));
    StatusLogger.getLogger().registerListener(statusListener);
    context = setup == Setup.ASYNC_LOGGER ? new AsyncLoggerContext(name) : new LoggerContext(name);
    config.setLoggerContext(context);
    context.start(config.build(false));
    Appender appender = context.getConfiguration().getAppender("PANIC");
    assertThat(appender).as("appender PANIC built from %s", options).isInstanceOf(PanicAppender.class);
    assertThat(appender.isStarted()).isTrue();
  }

  /** A logger of the running context, for cases that use Log4j2's API directly. */
  Logger logger(String name) {
    return context.getLogger(name);
  }

  PanicAppender appender() {
    return context.getConfiguration().getAppender("PANIC");
  }

  /** The running context's configuration, for cases that rewire its appenders. */
  Configuration configuration() {
    return context.getConfiguration();
  }

  @Override
  public void log(String logger, Severity level, String marker, String template, Object... arguments) {
    context
        .getLogger(logger)
        .log(Level.valueOf(level.name()), marker == null ? null : MarkerManager.getMarker(marker), template, arguments);
  }

  @Override
  public boolean appendsOnTheLoggingThread() {
    return setup == Setup.SYNCHRONOUS;
  }

  @Override
  public void putContext(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public void clearContext() {
    ThreadContext.clearMap();
  }

  @Override
  public void stop() {
    try {
      if (context != null) {
        context.stop();
      }
    } finally {
      StatusLogger.getLogger().removeListener(statusListener);
    }
  }

  @Override
  public List<String> statusLines() {
    return List.copyOf(statusLines);
  }
}
