package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scrubbing rules as configured: the nested {@code <scrub>} element of an appender. A plain
 * mutable bean so Logback's Joran (and a Log4j2 builder) can bind it; setters only store and never
 * throw, because a throwing setter or {@code start()} makes Logback drop the whole configuration.
 * {@link #validate()} reports what is wrong; {@link Scrubber#compile(ScrubOptions)} turns valid
 * options into the immutable runtime form.
 */
public class ScrubOptions {

  /**
   * Key fragments scrubbed by default: a key is sensitive when it contains one of them, ignoring
   * case, with {@code -} and {@code _} treated alike. Besides the usual password and token
   * names, {@code authorization} covers HTTP headers and the {@code private_key} pair covers key
   * material.
   */
  public static final List<String> DEFAULT_KEYS =
      List.of(
          "password",
          "secret",
          "passwd",
          "api_key",
          "apikey",
          "access_token",
          "auth_token",
          "credentials",
          "mysql_pwd",
          "stripetoken",
          "card[number]",
          "authorization",
          "private_key",
          "privatekey");

  /** Text that stands in for a scrubbed value unless {@link #setReplacement} says otherwise. */
  public static final String DEFAULT_REPLACEMENT = "[Filtered]";

  private String keyPattern;
  private final List<String> keys = new ArrayList<>();
  private boolean ipAddresses = true;
  private String replacement = DEFAULT_REPLACEMENT;

  /** Creates options with the defaults: {@link #DEFAULT_KEYS}, IP addresses scrubbed. */
  public ScrubOptions() {}

  /**
   * A regular expression (case-insensitive, found anywhere in a key) that replaces the
   * {@link #DEFAULT_KEYS} entirely. Keys added with {@link #addKey} still apply on top of it.
   * Default: unset, meaning the default key list.
   */
  public void setKeyPattern(String keyPattern) {
    this.keyPattern = keyPattern;
  }

  public String getKeyPattern() {
    return keyPattern;
  }

  /**
   * Adds one key fragment, taken literally and matched like the defaults (contained, any case,
   * {@code -} equal to {@code _}). Binds the repeatable {@code <key>} element. Default: none.
   */
  public void addKey(String key) {
    keys.add(key);
  }

  /** The fragments added with {@link #addKey}, in order; read-only. */
  public List<String> getKeys() {
    return Collections.unmodifiableList(keys);
  }

  /** Whether IPv4 and IPv6 addresses in text are replaced. Default: {@code true}. */
  public void setIpAddresses(boolean ipAddresses) {
    this.ipAddresses = ipAddresses;
  }

  public boolean isIpAddresses() {
    return ipAddresses;
  }

  /** The text written in place of a scrubbed value. Default: {@code [Filtered]}. */
  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getReplacement() {
    return replacement;
  }

  /**
   * Everything wrong with these options, empty when {@link Scrubber#compile} will succeed. Never
   * throws: each adapter relays the problems through its own status system.
   */
  public List<ConfigProblem> validate() {
    List<ConfigProblem> problems = new ArrayList<>();
    if (keyPattern != null) {
      try {
        // A pattern matching "" would flag every key and cut every "x=y" in text: surely a typo.
        if (Pattern.compile(keyPattern).matcher("").matches()) {
          problems.add(
              new ConfigProblem(
                  "scrub.keyPattern",
                  "Key pattern [" + keyPattern + "] matches the empty string, so every key would"
                      + " be treated as sensitive"));
        }
      } catch (PatternSyntaxException e) {
        problems.add(
            new ConfigProblem(
                "scrub.keyPattern",
                "Invalid key pattern [" + keyPattern + "]: " + e.getDescription()
                    + " near index " + e.getIndex()));
      }
    }
    for (String key : keys) {
      if (key == null || key.isBlank()) {
        problems.add(
            new ConfigProblem("scrub.key", "Blank key [" + key + "]: a key must name a fragment"));
      }
    }
    if (replacement == null || replacement.isEmpty()) {
      problems.add(
          new ConfigProblem(
              "scrub.replacement",
              "Empty replacement: a scrubbed value would vanish without a trace; keep the default "
                  + DEFAULT_REPLACEMENT));
    }
    return problems;
  }
}
