package io.github.panicwatch.core.config;

/**
 * One thing wrong with a configuration: the option it concerns and a message a user can act on.
 * Validation returns these instead of throwing, so each adapter relays them through its own status
 * system (Logback's {@code addError}, Log4j2's {@code StatusLogger}) and the host keeps running.
 */
public record ConfigProblem(String option, String message) {

  @Override
  public String toString() {
    return "[" + option + "] " + message;
  }
}
