package io.github.panicwatch.log4j2;

import io.github.panicwatch.testing.DeadlockingService;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/** {@link DeadlockingService} on Log4j2, configured from the {@code log4j2.xml} named by its first argument. */
public final class DeadlockingChild {
  private DeadlockingChild() {}

  public static void main(String[] args) throws Exception {
    LoggerContext context = Configurator.initialize("deadlocking-child", args[0]);
    if (!(context.getConfiguration().getAppender("PANIC") instanceof PanicAppender appender) || !appender.isStarted()) {
      System.out.println("the appender PANIC did not start; see Log4j2's status lines above");
      System.exit(2);
    }
    Logger log = context.getLogger("app.ledger");
    DeadlockingService.run(args[1], Long.parseLong(args[2]), new DeadlockingService.Log() {
      @Override
      public void info(String line) {
        log.info(line);
      }

      @Override
      public void panic(String line) {
        log.fatal(line);
      }
    });
  }
}
