package io.github.panicwatch.core.option;

/**
 * One thing wrong with a configuration: the option it concerns and a message a user can act on.
 * Validation returns these instead of throwing, so each adapter relays them through its own status
 * system (Logback's {@code addError}, Log4j2's {@code StatusLogger}, the watcher's stderr) and the
 * host keeps running.
 */
public record ConfigProblem(String option, String message) {

  /**
   * An option whose text still holds a variable nothing defined ({@code ${SENTRY_DSN}} with no
   * {@code SENTRY_DSN}): an error, since the option would otherwise run on a value nobody meant.
   */
  public static ConfigProblem undefinedVariable(String option, String variable) {
    return new ConfigProblem(
        option,
        "Invalid " + option + ": the variable [" + variable + "] is undefined; write ${" + variable
            + ":-} where it may be unset");
  }

  @Override
  public String toString() {
    return "[" + option + "] " + message;
  }
}
