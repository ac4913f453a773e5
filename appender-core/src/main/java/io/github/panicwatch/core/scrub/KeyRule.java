package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A key rule of the {@code <scrub>} element, {@code <keyRule>}: key fragments and/or a pattern
 * whose values are replaced in text and in maps, with a replacement of its own. Without keys or a
 * pattern, a rule named {@code keys} sets the replacement of the default key list. A plain bean:
 * setters only store; {@link ScrubOptions#validate()} reports problems. See the README, "Scrubbing".
 */
public class KeyRule {
  private String name;
  private final List<String> keys = new ArrayList<>();
  private String pattern;
  private String replacement;

  /** The rule's name, used in status messages. Default: unset. */
  public void setName(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  /**
   * Adds a key fragment, matched like the defaults (contained, any case, {@code -} equal to
   * {@code _}; {@code <otp>} in angle brackets for a whole word only, {@code ^pin$} for the whole
   * key only). Repeatable. Default: none.
   */
  public void addKey(String key) {
    keys.add(key);
  }

  public List<String> getKeys() {
    return Collections.unmodifiableList(keys);
  }

  /** A regular expression found anywhere in a key, ignoring case. Default: unset. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String getPattern() {
    return pattern;
  }

  /**
   * What the values become: {@code mask}, {@code remove}, {@code hash}, or a text. Default: the
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
    return name != null ? name : pattern != null ? pattern : String.valueOf(keys);
  }
}
