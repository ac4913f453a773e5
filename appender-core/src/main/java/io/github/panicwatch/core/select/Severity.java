package io.github.panicwatch.core.select;

import java.util.Locale;

/**
 * The framework-neutral level of a log event. Adapters map their own levels onto it once per call
 * (an enum lookup, no allocation); thresholds in the configuration are parsed strictly into it so
 * that a typo is reported instead of silently becoming DEBUG, as Logback's {@code Level.toLevel} does.
 */
public enum Severity {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL,
  /** As a threshold: nothing reaches it. Never the level of an event. */
  OFF;

  /** True when this level is at or above {@code threshold}. */
  public boolean isAtLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }

  /**
   * Parses a configured level name, case-insensitively.
   *
   * @return the level, or {@code null} when the name is not one of the enum's constants
   */
  public static Severity parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
