package io.github.panicwatch.core.config;

import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import java.util.function.Function;

/**
 * Resolves the {@code enableSentry} switch. Order: the appender's own setting; the logging
 * framework's context property {@code enableSentry}; the system property {@code enableSentry}; the
 * environment variable {@code ENABLE_SENTRY}; otherwise on. The first source that is set decides,
 * even to a value that is not a boolean or names an undefined variable (that value counts as off
 * and is reported), so a typo can never silently send data a user meant to keep in.
 */
public final class EnableSentry {
  public static final String PROPERTY = "enableSentry";
  public static final String ENVIRONMENT_VARIABLE = "ENABLE_SENTRY";

  private EnableSentry() {}

  /**
   * The outcome and where it came from, for the start-up status line.
   *
   * @param undefinedVariable the variable the deciding value named and nothing defined, or null
   */
  public record Decision(boolean enabled, String source, String rawValue, String undefinedVariable) {
    /** True when the deciding value was neither {@code true} nor {@code false}. */
    public boolean malformed() {
      return rawValue != null && (undefinedVariable != null || parse(rawValue) == null);
    }

    /** What to tell the user about a malformed value, or {@code null} when there is nothing to say. */
    public String problem() {
      if (undefinedVariable != null) {
        return ConfigProblem.undefinedVariable(PROPERTY, undefinedVariable).message() + " (in " + source
            + "); Panicwatch stays off";
      }
      return malformed()
          ? "Invalid enableSentry [" + rawValue + "] from " + source + ": use true or false; Panicwatch stays off"
          : null;
    }
  }

  /**
   * @param appenderSetting the appender's own {@code enableSentry} value, or {@code null}
   * @param contextProperty looks up a property of the logging framework's context (null if unset)
   * @param variables finds what the framework left of a variable it could not resolve
   */
  public static Decision resolve(
      String appenderSetting, Function<String, String> contextProperty, UnresolvedVariables variables) {
    return resolve(appenderSetting, contextProperty, System::getProperty, System::getenv, variables);
  }

  static Decision resolve(
      String appenderSetting,
      Function<String, String> contextProperty,
      Function<String, String> systemProperty,
      Function<String, String> environment) {
    return resolve(appenderSetting, contextProperty, systemProperty, environment, UnresolvedVariables.NONE);
  }

  static Decision resolve(
      String appenderSetting,
      Function<String, String> contextProperty,
      Function<String, String> systemProperty,
      Function<String, String> environment,
      UnresolvedVariables variables) {
    if (isSet(appenderSetting)) {
      return decide(appenderSetting, "the appender's enableSentry setting", variables);
    }
    String fromContext = contextProperty.apply(PROPERTY);
    if (isSet(fromContext)) {
      return decide(fromContext, "the context property " + PROPERTY, variables);
    }
    String fromSystem = systemProperty.apply(PROPERTY);
    if (isSet(fromSystem)) {
      return decide(fromSystem, "the system property " + PROPERTY, UnresolvedVariables.NONE);
    }
    String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
    if (isSet(fromEnvironment)) {
      return decide(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE, UnresolvedVariables.NONE);
    }
    return new Decision(true, "the default", null, null);
  }

  private static Decision decide(String raw, String source, UnresolvedVariables variables) {
    String variable = variables.find(raw);
    Boolean value = variable == null ? parse(raw) : null;
    return new Decision(value != null && value, source, raw, variable);
  }

  private static Boolean parse(String raw) {
    try {
      return PanicwatchOptions.ENABLE_SENTRY.parse(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
