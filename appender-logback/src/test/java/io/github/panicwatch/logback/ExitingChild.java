package io.github.panicwatch.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/**
 * A service that logs one panic and exits at once, as a crashing service does: configured by the
 * {@code logback.xml} named in {@code -Dlogback.configurationFile}, run {@code -Dpw.run}.
 */
public final class ExitingChild {
  private ExitingChild() {}

  public static void main(String[] args) {
    String run = System.getProperty("pw.run", "0");
    Logger log = LoggerFactory.getLogger("app.replica");
    log.info("starting run {}", run);
    log.error(MarkerFactory.getMarker("FATAL"), "replica lost in run {}", run, new IllegalStateException("replica " + run));
    System.exit(0);
  }
}
