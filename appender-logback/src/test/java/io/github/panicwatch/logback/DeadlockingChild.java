package io.github.panicwatch.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.github.panicwatch.testing.DeadlockingService;
import java.io.File;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** {@link DeadlockingService} on Logback, configured from the {@code logback.xml} named by its first argument. */
public final class DeadlockingChild {
  private DeadlockingChild() {}

  public static void main(String[] args) throws Exception {
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
    Marker fatal = MarkerFactory.getMarker("FATAL");
    DeadlockingService.run(args[1], Long.parseLong(args[2]), new DeadlockingService.Log() {
      @Override
      public void info(String line) {
        log.info(line);
      }

      @Override
      public void panic(String line) {
        log.error(fatal, line);
      }
    });
  }
}
