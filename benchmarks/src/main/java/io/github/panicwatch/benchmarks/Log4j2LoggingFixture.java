package io.github.panicwatch.benchmarks;

import io.github.panicwatch.log4j2.AppenderFlush;
import io.github.panicwatch.log4j2.MessageCopyAppender;
import io.github.panicwatch.log4j2.PanicAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * A Log4j2 {@link LoggerContext} built in code, as a {@code log4j2.xml} would declare it, with the
 * appenders under test on the root logger at INFO: synchronous loggers, no configuration file read,
 * nothing printed, nothing over the network. Garbage-free mode is Log4j2's own default outside web
 * apps; the benchmarks' forks also switch on its garbage-free {@code ThreadContext} map and its
 * millisecond clock (their {@code @Fork} options), so Log4j2 alone allocates nothing per call.
 */
public final class Log4j2LoggingFixture implements AutoCloseable {
  /** Log4j2's {@code Null} appender alone: the floor. */
  public static final String NULL = "null";
  /** Panicwatch alone, defaults, no DSN, the outbox on {@code /dev/null} (written only at a panic, which suite 3 logs). */
  public static final String PANICWATCH = "panicwatch";
  /**
   * The cheapest {@code File} appender with a pattern layout: buffered, written out only when its
   * buffer fills ({@code immediateFlush="false"}), to {@code /dev/null}; so the shortest call a
   * {@code File} appender has, beside which any other appender's time shows most.
   */
  public static final String FILE = "file";
  /** The same {@code File} appender with Panicwatch beside it. */
  public static final String FILE_AND_PANICWATCH = "file+panicwatch";
  /**
   * The same {@code File} appender with the {@code Null} appender beside it: what any second
   * appender costs, whatever it does (Log4j2 guards every appender call against recursion with a
   * {@code ThreadLocal}, set and cleared around each call).
   */
  public static final String FILE_AND_NULL = "file+null";
  /**
   * An appender that only copies the message at the call ({@link MessageCopyAppender}), instead of
   * the {@code Null} appender: the least a breadcrumb formatted at the call costs.
   */
  public static final String COPY = "copy";
  /** The same copy beside the {@code File} appender. */
  public static final String FILE_AND_COPY = "file+copy";
  /**
   * A {@code File} appender with a pattern layout as a {@code log4j2.xml} declares it, every other
   * attribute Log4j2's default: a real file, flushed to it after every line ({@code immediateFlush}).
   */
  public static final String LOG_FILE = "logfile";
  /** The same log file with Panicwatch beside it. */
  public static final String LOG_FILE_AND_PANICWATCH = "logfile+panicwatch";

  static final String LOGGER_NAME = "com.example.orders.OrderService";
  private static final String LOG_FILE_NAME = "app.log";
  /** The pattern of the {@code File} appenders: only garbage-free converters. */
  static final String PATTERN = "%d %-5level [%t] %logger - %msg%n";

  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  private final LoggerContext context;
  /** A private temporary folder holding the log file of a {@link #LOG_FILE} setup; null for the others. */
  private final Path logDirectory;

  private Log4j2LoggingFixture(String appenders) {
    String name = "bench-" + appenders + "-" + CONTEXTS.incrementAndGet();
    logDirectory = appenders.startsWith(LOG_FILE) ? temporaryFolder() : null;
    ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName(name);
    config.setStatusLevel(Level.ERROR);
    RootLoggerComponentBuilder root = config.newRootLogger(Level.INFO);
    switch (appenders) {
      case NULL -> add(config, root, config.newAppender("NULL", "Null"));
      case PANICWATCH -> add(config, root, panicwatch(config));
      case FILE -> add(config, root, file(config));
      case FILE_AND_PANICWATCH -> {
        add(config, root, file(config));
        add(config, root, panicwatch(config));
      }
      case FILE_AND_NULL -> {
        add(config, root, file(config));
        add(config, root, config.newAppender("NULL", "Null"));
      }
      case COPY -> {} // added once the context runs: it is no plugin of a configuration file
      case FILE_AND_COPY -> add(config, root, file(config));
      case LOG_FILE -> add(config, root, logFile(config, logDirectory));
      case LOG_FILE_AND_PANICWATCH -> {
        add(config, root, logFile(config, logDirectory));
        add(config, root, panicwatch(config));
      }
      default -> throw new IllegalArgumentException("unknown appenders [" + appenders + "]");
    }
    config.add(root);
    List<String> errors = new CopyOnWriteArrayList<>();
    StatusListener listener = errorsInto(errors);
    StatusLogger.getLogger().registerListener(listener);
    try {
      context = new LoggerContext(name);
      config.setLoggerContext(context);
      context.start(config.build(false));
      if (appenders.endsWith(COPY)) {
        addMessageCopy();
      }
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
    checkStarted(appenders, errors);
  }

  /** As Log4j2's manual adds an appender to a running configuration. */
  private void addMessageCopy() {
    MessageCopyAppender copy = new MessageCopyAppender();
    copy.start();
    Configuration running = context.getConfiguration();
    running.addAppender(copy);
    running.getRootLogger().addAppender(copy, null, null);
    context.updateLoggers();
  }

  /** Starts a context whose root logger writes to the named appenders: one of the constants above. */
  public static Log4j2LoggingFixture start(String appenders) {
    return new Log4j2LoggingFixture(appenders);
  }

  /** The logger the benchmarks call. */
  public Logger logger() {
    return context.getLogger(LOGGER_NAME);
  }

  /** Waits until the panics Panicwatch captured so far have been handed to the SDK's transport. */
  public void awaitPanics() {
    AppenderFlush.flush(context.getConfiguration().getAppender("PANIC"));
  }

  /** Puts the first {@code entries} (0 to 3) of a request's context entries on the calling thread. */
  public static void putContext(int entries) {
    for (int i = 0; i < entries; i++) {
      ThreadContext.put(LogCallArguments.REQUEST_CONTEXT[i][0], LogCallArguments.REQUEST_CONTEXT[i][1]);
    }
  }

  /**
   * Empties the log file of a {@link #LOG_FILE} setup (Log4j2 opened it to append, so its next line
   * lands at the start): a file grown by a million lines a second would soon have the kernel writing
   * it back to disk during the measurement, and the call's time would jump with the writeback.
   */
  public void emptyLogFile() {
    if (logDirectory != null) {
      try (FileChannel channel = FileChannel.open(logDirectory.resolve(LOG_FILE_NAME), StandardOpenOption.WRITE)) {
        channel.truncate(0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    context.stop();
    ThreadContext.clearMap();
    if (logDirectory != null) {
      try (Stream<Path> files = Files.walk(logDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void add(
      ConfigurationBuilder<BuiltConfiguration> config, RootLoggerComponentBuilder root, AppenderComponentBuilder appender) {
    config.add(appender);
    root.add(config.newAppenderRef(appender.getName()));
  }

  private static AppenderComponentBuilder panicwatch(ConfigurationBuilder<BuiltConfiguration> config) {
    return config
        .newAppender("PANIC", "Panicwatch")
        .addAttribute("enableSentry", "true")
        .addAttribute("outbox", "/dev/null") // a panic benchmark writes thousands of events
        .addAttribute("release", "2.4.1")
        .addAttribute("captureUncaught", "false"); // a benchmark JVM's handler is JMH's business
  }

  /** Buffered, flushed when the buffer fills, to /dev/null: the cost of formatting and writing, no disk. */
  private static AppenderComponentBuilder file(ConfigurationBuilder<BuiltConfiguration> config) {
    return config
        .newAppender("FILE", "File")
        .addAttribute("fileName", "/dev/null")
        .addAttribute("append", "true")
        .addAttribute("immediateFlush", "false")
        .add(config.newLayout("PatternLayout").addAttribute("pattern", PATTERN));
  }

  /** Log4j2's defaults but for the file's name and the layout: flushed after every line. */
  private static AppenderComponentBuilder logFile(ConfigurationBuilder<BuiltConfiguration> config, Path logDirectory) {
    return config
        .newAppender("FILE", "File")
        .addAttribute("fileName", logDirectory.resolve(LOG_FILE_NAME).toString())
        .add(config.newLayout("PatternLayout").addAttribute("pattern", PATTERN));
  }

  /** Made by the JDK readable by this user alone. */
  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("panicwatch-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StatusListener errorsInto(List<String> errors) {
    return new StatusListener() {
      @Override
      public void log(StatusData data) {
        if (data.getLevel().isMoreSpecificThan(Level.ERROR)) {
          errors.add(data.getFormattedStatus());
        }
      }

      @Override
      public Level getStatusLevel() {
        return Level.ERROR;
      }

      @Override
      public void close() {}
    };
  }

  /** A benchmark of an appender that silently failed to start would measure nothing. */
  private void checkStarted(String appenders, List<String> errors) {
    boolean wantsPanicwatch = appenders.contains(PANICWATCH);
    boolean wantsFile = appenders.startsWith(FILE) || appenders.startsWith(LOG_FILE);
    boolean wantsCopy = appenders.endsWith(COPY);
    Appender panic = context.getConfiguration().getAppender("PANIC");
    Appender file = context.getConfiguration().getAppender("FILE");
    Appender copy = context.getConfiguration().getAppender(MessageCopyAppender.NAME);
    boolean ready =
        errors.isEmpty()
            && (!wantsPanicwatch || (panic instanceof PanicAppender && panic.isStarted()))
            && (!wantsFile || (file != null && file.isStarted()))
            && (!wantsCopy || (copy != null && copy.isStarted()));
    if (!ready) {
      throw new IllegalStateException("appenders [" + appenders + "] did not start as intended: " + errors);
    }
  }
}
