package io.github.panicwatch.core.scrub;

/**
 * A value rule of the {@code <scrub>} element, {@code <valueRule>}: a regular expression whose
 * matches are replaced wherever they stand (only the group named {@code secret} when the pattern
 * has one). Without a pattern, a rule named like a built-in one ({@code email}, {@code ip}, ...)
 * sets that rule's replacement. A plain bean: setters only store; {@link ScrubOptions#validate()}
 * reports problems. See the README, "Scrubbing".
 */
public class ValueRule {
  private String name;
  private String pattern;
  private String replacement;

  /** The rule's name: a built-in rule's to change it, else any, used in status messages. */
  public void setName(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  /**
   * The expression (Java syntax). It runs on every scrubbed field, up to the field bound: keep it
   * free of nested quantifiers. Default: unset.
   */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String getPattern() {
    return pattern;
  }

  /**
   * What the matches become: {@code mask}, {@code remove}, {@code hash}, or a text. Default: the
   * {@code <scrub>} element's replacement.
   */
  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getReplacement() {
    return replacement;
  }

  @Override
  public String toString() {
    return name != null ? name : String.valueOf(pattern);
  }
}
