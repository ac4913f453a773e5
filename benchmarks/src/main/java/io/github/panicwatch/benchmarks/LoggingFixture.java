package io.github.panicwatch.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import io.github.panicwatch.core.config.ProxyOptions;
import io.github.panicwatch.logback.AppenderFlush;
import io.github.panicwatch.logback.PanicAppender;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A Logback {@link LoggerContext} built in code with one appender under test on the root logger at
 * INFO: no configuration file is read, nothing is printed, nothing goes over the network. SLF4J's
 * static binding is never touched, so a stray {@code logback.xml} cannot take part.
 */
public final class LoggingFixture implements AutoCloseable {
  /** An appender that does nothing: the floor. */
  public static final String NOOP = "noop";
  /** Panicwatch with its defaults, no DSN (the outbox is only written at a panic). */
  public static final String PANICWATCH = "panicwatch";
  /** Panicwatch with its defaults, no DSN, the outbox on {@code /dev/null}: for panics, which write it. */
  public static final String PANICWATCH_PANICS = "panicwatch-panics";
  /**
   * Panicwatch as {@link #PANICWATCH} with {@code attachThreads=true}: not in the suites' default
   * lists; {@code -p appender=noop,panicwatch,panicwatch-threads} shows that the option costs a log
   * call nothing (it acts only at a panic; README "Threads").
   */
  public static final String PANICWATCH_THREADS = "panicwatch-threads";
  /**
   * Panicwatch as a user migrating from sentry-logback writes it: every option of issue 15 set
   * (serverName, dist, inAppInclude/inAppExclude, contextTag, debug, a proxy), which must cost the
   * log call nothing, since they act only at a panic.
   */
  public static final String PANICWATCH_MIGRATED = "panicwatch-migrated";
  /** Panicwatch with {@code enableSentry=false}. */
  public static final String PANICWATCH_OFF = "panicwatch-off";
  /** The official {@code io.sentry.logback.SentryAppender}, breadcrumbs from INFO, transport dropping. */
  public static final String SENTRY = "sentry";

  static final String LOGGER_NAME = "com.example.orders.OrderService";

  private final String appenderName;
  private final LoggerContext context = new LoggerContext();
  private final Appender<ILoggingEvent> appender;
  private final Path workDir;

  private LoggingFixture(String appenderName) {
    this.appenderName = appenderName;
    try {
      this.workDir = Files.createTempDirectory("panicwatch-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    context.setName("bench");
    if (context.getMDCAdapter() == null) {
      context.setMDCAdapter(new LogbackMDCAdapter());
    }
    context.start();
    appender = create(appenderName);
    appender.setContext(context);
    appender.setName(appenderName);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    checkStarted(appender);
  }

  /** Starts a context whose root logger writes to the named appender: one of the constants above. */
  public static LoggingFixture start(String appenderName) {
    return new LoggingFixture(appenderName);
  }

  /** The logger the benchmarks call: an ordinary Logback logger below the root. */
  public Logger logger() {
    return context.getLogger(LOGGER_NAME);
  }

  /** Puts the first {@code entries} (0 to 3) of a request's MDC entries on the calling thread. */
  public void putMdc(int entries) {
    for (int i = 0; i < entries; i++) {
      context.getMDCAdapter().put(LogCallArguments.REQUEST_CONTEXT[i][0], LogCallArguments.REQUEST_CONTEXT[i][1]);
    }
  }

  /** Waits until the panics Panicwatch captured so far have been handed to the SDK's transport. */
  public void awaitPanics() {
    AppenderFlush.flush((PanicAppender) appender);
  }

  /** Where Panicwatch's outbox goes; nothing is written there unless a panic is logged. */
  public Path outbox() {
    return workDir.resolve("outbox.jsonl");
  }

  @Override
  public void close() {
    context.stop();
    if (SENTRY.equals(appenderName)) {
      Sentry.close(); // SentryAppender initialised the global SDK; it never closes it itself
    }
  }

  private Appender<ILoggingEvent> create(String name) {
    switch (name) {
      case NOOP -> {
        return new NoOpAppender();
      }
      case PANICWATCH, PANICWATCH_PANICS, PANICWATCH_OFF, PANICWATCH_THREADS, PANICWATCH_MIGRATED -> {
        PanicAppender panicwatch = new PanicAppender();
        panicwatch.setEnableSentry(PANICWATCH_OFF.equals(name) ? "false" : "true");
        panicwatch.setOutbox(PANICWATCH_PANICS.equals(name) ? "/dev/null" : outbox().toString());
        panicwatch.setRelease("2.4.1");
        panicwatch.setCaptureUncaught("false"); // a benchmark JVM's handler is JMH's business
        panicwatch.setAttachThreads(String.valueOf(PANICWATCH_THREADS.equals(name)));
        if (PANICWATCH_MIGRATED.equals(name)) {
          panicwatch.setServerName("ledger-7");
          panicwatch.setDist("b42");
          panicwatch.addInAppInclude("com.example");
          panicwatch.addInAppExclude("com.example.generated");
          panicwatch.addContextTag("request_id");
          panicwatch.setDebug("true");
          ProxyOptions proxy = new ProxyOptions(); // never reached: nothing panics while measuring
          proxy.setHost("127.0.0.1");
          proxy.setPort("9");
          proxy.setUser("svc");
          proxy.setPass("secret");
          panicwatch.setProxy(proxy);
        }
        return panicwatch;
      }
      case SENTRY -> {
        SentryOptions options = new SentryOptions();
        options.setDsn("http://key@127.0.0.1:9/1"); // required to start; the transport below drops all
        options.setTransportFactory(new DroppingTransportFactory());
        options.setEnableUncaughtExceptionHandler(false);
        options.setEnableShutdownHook(false);
        options.setSendClientReports(false);
        SentryAppender sentry = new SentryAppender();
        sentry.setOptions(options);
        sentry.setMinimumBreadcrumbLevel(Level.INFO);
        return sentry;
      }
      default -> throw new IllegalArgumentException("unknown appender [" + name + "]");
    }
  }

  /** A benchmark of an appender that silently failed to start would measure nothing. */
  private void checkStarted(Appender<ILoggingEvent> appender) {
    String statuses =
        context.getStatusManager().getCopyOfStatusList().stream()
            .map(Status::toString)
            .collect(Collectors.joining("\n"));
    boolean errors =
        context.getStatusManager().getCopyOfStatusList().stream()
            .anyMatch(status -> status.getLevel() == Status.ERROR);
    boolean ready =
        switch (appenderName) {
          case PANICWATCH, PANICWATCH_PANICS, PANICWATCH_MIGRATED -> statuses.contains("reports panics");
          case PANICWATCH_OFF -> statuses.contains("switched off");
          case SENTRY -> Sentry.isEnabled();
          default -> true;
        };
    if (!appender.isStarted() || errors || !ready) {
      throw new IllegalStateException("appender [" + appenderName + "] did not start as intended:\n" + statuses);
    }
  }
}
