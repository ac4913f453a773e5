package io.github.panicwatch.core.option;

import java.util.ArrayList;
import java.util.List;

/**
 * The one declaration of a configuration option: its name (the Logback element, the Log4j2
 * attribute, the watcher's {@code --name} flag), its type, its default, one line of documentation,
 * and whether it is sensitive. Parsing, validation, the watcher's flags, the Log4j2 binding and the
 * check of the README's option table all come from here (issue 14).
 *
 * @param <V> the parsed value
 */
public final class Option<V> {
  private final String name;
  private final OptionType<V> type;
  private final String defaultText;
  private final String documentedDefault;
  private final String doc;
  private final boolean sensitive;
  private final boolean repeatable;

  private Option(
      String name,
      OptionType<V> type,
      String defaultText,
      String documentedDefault,
      String doc,
      boolean sensitive,
      boolean repeatable) {
    this.name = name;
    this.type = type;
    this.defaultText = defaultText;
    this.documentedDefault = documentedDefault;
    this.doc = doc;
    this.sensitive = sensitive;
    this.repeatable = repeatable;
  }

  /**
   * @param defaultText the default as a user would write it, parsed like any value; {@code null}
   *     when the option has none (or one the code derives: say so with {@link #documentedDefault})
   */
  public static <V> Option<V> of(String name, OptionType<V> type, String defaultText, String doc) {
    return new Option<>(name, type, defaultText, null, doc, false, false);
  }

  /** This option, never shown in a status line (a key, a password). */
  public Option<V> sensitive() {
    return new Option<>(name, type, defaultText, documentedDefault, doc, true, repeatable);
  }

  /** This option, given once per value (Logback: a repeated element; Log4j2: a comma-separated list). */
  public Option<V> repeatable() {
    return new Option<>(name, type, defaultText, documentedDefault, doc, sensitive, true);
  }

  /** This option, with the README's words for a default that the code derives rather than parses. */
  public Option<V> documentedDefault(String text) {
    return new Option<>(name, type, defaultText, text, doc, sensitive, repeatable);
  }

  public String name() {
    return name;
  }

  public String doc() {
    return doc;
  }

  public boolean isSensitive() {
    return sensitive;
  }

  public boolean isRepeatable() {
    return repeatable;
  }

  /** The default as text ({@code "100"}, {@code "FATAL, PANIC"}), or {@code null} for none. */
  public String defaultText() {
    return defaultText;
  }

  /**
   * The default as the README's option table writes it: each value in backticks ({@code `100`},
   * {@code `FATAL`, `PANIC`}), {@code none}, or the words given to {@link #documentedDefault}.
   */
  public String documentedDefault() {
    if (documentedDefault != null) {
      return documentedDefault;
    }
    if (defaultText == null) {
      return "none";
    }
    List<String> values = new ArrayList<>();
    for (String value : entries(defaultText)) {
      values.add("`" + value + "`");
    }
    return String.join(", ", values);
  }

  /** The parsed default entries: none, one, or (repeatable) several. */
  public List<V> defaults() {
    List<V> values = new ArrayList<>();
    if (defaultText != null) {
      for (String entry : entries(defaultText)) {
        values.add(parse(entry));
      }
    }
    return values;
  }

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException when it is no value of this option's type
   */
  public V parse(String text) {
    return type.parse(text.trim());
  }

  /**
   * What is wrong with {@code text} as a value of this option, in the one form every frontend
   * prints, {@code Invalid NAME [VALUE]: why}; {@code null} when it parses.
   *
   * @param path the option's name as the user reaches it ({@code scrub.ipAddresses})
   */
  public ConfigProblem problem(String path, String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return new ConfigProblem(path, "Invalid " + path + " [" + shown(text.trim()) + "]: " + e.getMessage());
    }
  }

  /** {@code text} as a status line may show it: as written, or redacted when sensitive. */
  public String shown(String text) {
    return sensitive ? type.redact(text) : text;
  }

  private List<String> entries(String text) {
    return repeatable ? List.of(text.split("\\s*,\\s*")) : List.of(text);
  }

  @Override
  public String toString() {
    return name;
  }
}
