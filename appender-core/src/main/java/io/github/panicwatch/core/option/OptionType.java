package io.github.panicwatch.core.option;

/**
 * How the text of an option becomes its value. Every frontend hands options over as text (Logback's
 * setters take {@code String}, Log4j2's attributes and the watcher's flags are text), so this is
 * the one place a value is parsed, and a value that does not parse is reported the same way
 * everywhere (issue 19).
 *
 * @param <V> the parsed value
 */
public interface OptionType<V> {

  /**
   * @param text the option's text, trimmed, never empty
   * @throws IllegalArgumentException when {@code text} is no value of this type; its message says
   *     why, in words a user can act on ("not an integer", "use true or false")
   */
  V parse(String text);

  /**
   * How a value of a sensitive option appears in a status line. By default not at all; a type whose
   * values have a harmless part (a DSN's host) may show that.
   */
  default String redact(String text) {
    return "*****";
  }
}
