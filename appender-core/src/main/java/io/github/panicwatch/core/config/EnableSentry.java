package io.github.panicwatch.core.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * Resolves the {@code enableSentry} switch. Order: the appender's own setting; the logging
 * framework's context property {@code enableSentry}; the system property {@code enableSentry}; the
 * environment variable {@code ENABLE_SENTRY}; otherwise on. The first source that is set decides,
 * even to a value that is not a boolean (that value counts as off and is reported), so a typo can
 * never silently send data a user meant to keep in.
 */
public final class EnableSentry {
  public static final String PROPERTY = "enableSentry";
  public static final String ENVIRONMENT_VARIABLE = "ENABLE_SENTRY";

  private EnableSentry() {}

  /** The outcome and where it came from, for the start-up status line. */
  public record Decision(boolean enabled, String source, String rawValue) {
    /** True when the deciding value was neither {@code true} nor {@code false}. */
    public boolean malformed() {
      return rawValue != null && parse(rawValue) == null;
    }
  }

  /**
   * @param appenderSetting the appender's own {@code enableSentry} value, or {@code null}
   * @param contextProperty looks up a property of the logging framework's context (null if unset)
   */
  public static Decision resolve(String appenderSetting, Function<String, String> contextProperty) {
    return resolve(appenderSetting, contextProperty, System::getProperty, System::getenv);
  }

  static Decision resolve(
      String appenderSetting,
      Function<String, String> contextProperty,
      Function<String, String> systemProperty,
      Function<String, String> environment) {
    if (isSet(appenderSetting)) {
      return decide(appenderSetting, "the appender's enableSentry setting");
    }
    String fromContext = contextProperty.apply(PROPERTY);
    if (isSet(fromContext)) {
      return decide(fromContext, "the context property " + PROPERTY);
    }
    String fromSystem = systemProperty.apply(PROPERTY);
    if (isSet(fromSystem)) {
      return decide(fromSystem, "the system property " + PROPERTY);
    }
    String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
    if (isSet(fromEnvironment)) {
      return decide(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE);
    }
    return new Decision(true, "the default", null);
  }

  private static Decision decide(String raw, String source) {
    Boolean value = parse(raw);
    return new Decision(value != null && value, source, raw);
  }

  private static Boolean parse(String raw) {
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Logback writes an unset {@code ${VAR}} as {@code VAR_IS_UNDEFINED}; that is "not set". */
  private static boolean isSet(String value) {
    return value != null && !value.isBlank() && !value.endsWith("_IS_UNDEFINED");
  }
}
