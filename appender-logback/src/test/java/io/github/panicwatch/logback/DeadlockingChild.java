package io.github.panicwatch.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.panicwatch.testing.DeadlockingService;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** {@link DeadlockingService} on Logback, configured from the {@code logback.xml} named by its first argument. */
public final class DeadlockingChild {
  private DeadlockingChild() {}

  public static void main(String[] args) throws Exception {
    LoggerContext context = LogbackXmlChild.configuredFrom(args[0]);
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
