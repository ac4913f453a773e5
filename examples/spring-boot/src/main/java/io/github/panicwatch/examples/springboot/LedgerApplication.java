package io.github.panicwatch.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot web service with Panicwatch configured in {@code logback-spring.xml} alone: no
 * Panicwatch code anywhere, only SLF4J and its {@code FATAL} marker. Run from its fat jar, it reports
 * panics to the outbox (or to Sentry with {@code PANICWATCH_DSN}).
 */
@SpringBootApplication
public class LedgerApplication {
  private static final Logger log = LoggerFactory.getLogger(LedgerApplication.class);

  public static void main(String[] args) {
    try {
      SpringApplication.run(LedgerApplication.class, args);
    } catch (RuntimeException | Error e) {
      // Spring logs a failed start at ERROR and exits with 1, never through an uncaught-exception
      // handler: a service that cannot start (and so restarts in a loop) is a panic, say so
      log.error(MarkerFactory.getMarker("FATAL"), "ledger failed to start", e);
      throw e;
    }
  }

  /** A careless start-up line, as real services log: the scrubber must keep the password out. */
  @Bean
  ApplicationRunner announceDatabase(@Value("${ledger.database-url}") String databaseUrl) {
    return arguments -> log.info("ledger database at {}", databaseUrl);
  }
}
