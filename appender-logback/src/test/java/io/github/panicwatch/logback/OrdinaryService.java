package io.github.panicwatch.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusListener;
import java.io.File;

/**
 * A service that starts, logs a line and stops, as a healthy run does: configures Logback from the
 * {@code logback.xml} its argument names and stops the context at the end, which flushes the
 * appender. It logs no panic of its own. Every status line is printed on stdout with the thread
 * that added it ({@code thread | message}).
 */
public final class OrdinaryService {
  private OrdinaryService() {}

  public static void main(String[] args) throws JoranException {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    context.getStatusManager().add((StatusListener) status ->
        System.out.println(Thread.currentThread().getName() + " | " + status.getMessage()));
    configurator.setContext(context);
    configurator.doConfigure(new File(args[0]));
    context.getLogger("app.ledger").info("ledger opened");
    context.stop();
  }
}
