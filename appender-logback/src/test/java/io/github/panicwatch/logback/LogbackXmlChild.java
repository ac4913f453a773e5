package io.github.panicwatch.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.File;
import org.slf4j.MarkerFactory;

/**
 * A tiny service for child-JVM tests that need the process's own class path or jar: configures
 * Logback from the {@code logback.xml} named by its argument, as an application would, logs one line
 * and one panic, and stops the context, which flushes the appender named {@code PANIC}.
 */
public final class LogbackXmlChild {
  private LogbackXmlChild() {}

  public static void main(String[] args) throws JoranException {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new File(args[0]));
    PanicAppender appender = (PanicAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("PANIC");
    if (appender == null || !appender.isStarted()) {
      context.getStatusManager().getCopyOfStatusList().forEach(System.out::println);
      System.exit(2);
    }
    Logger log = context.getLogger("app.ledger");
    log.info("ledger opened");
    log.error(MarkerFactory.getMarker("FATAL"), "ledger corrupt");
    context.stop();
  }
}
