package io.github.panicwatch.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A service that logs one FATAL and exits at once, as a crashing service does: configured by the
 * {@code log4j2.xml} named in {@code -Dlog4j2.configurationFile}, run {@code -Dpw.run}; Log4j2's own
 * shutdown hook stops the context.
 */
public final class ExitingChild {
  private ExitingChild() {}

  public static void main(String[] args) {
    String run = System.getProperty("pw.run", "0");
    Logger log = LogManager.getLogger("app.replica");
    log.info("starting run {}", run);
    log.fatal("replica lost in run {}", run, new IllegalStateException("replica " + run));
    System.exit(0);
  }
}
