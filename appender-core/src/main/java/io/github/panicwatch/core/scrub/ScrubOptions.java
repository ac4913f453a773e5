package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.OptionTypes;
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
   * case, with {@code -} and {@code _} treated alike. The seed's list, plus what Sentry's server
   * catches ({@code auth}, {@code token}, {@code bearer}, session ids, one-time passwords, key
   * material). A fragment in angle brackets counts only as a whole word of the key, so that
   * {@code otp} does not catch {@code footpath}; one written {@code ^key$} only as the whole key
   * (or a whole dotted part of it), so that {@code AccountKey} is a key in a connection string
   * and {@code SharedAccessKeyName} is not.
   */
  public static final List<String> DEFAULT_KEYS =
      List.of(
          "password",
          "secret",
          "passwd",
          "pwd",
          "api_key",
          "apikey",
          "access_token",
          "auth_token",
          "credentials",
          "mysql_pwd",
          "stripetoken",
          "card[number]",
          "authorization",
          "auth",
          "token",
          "bearer",
          "private_key",
          "privatekey",
          "session_id",
          "sessionid",
          "sessid",
          "session_key",
          "<sid>",
          "cookie",
          "<otp>",
          "<totp>",
          "two_factor",
          "2fa",
          // connection strings (Azure storage, Service Bus, Event Hubs, SignalR, Cosmos DB): key
          // names that mean a secret only as the whole key, so SharedAccessKeyName stays
          "^accountkey$",
          "^account_key$",
          "^accesskey$",
          "^access_key$",
          "^sharedaccesskey$",
          "^shared_access_key$",
          "^sharedaccesssignature$",
          "^shared_access_signature$",
          "^sig$");

  /** Text that stands in for a scrubbed value unless {@link #setReplacement} says otherwise. */
  public static final String DEFAULT_REPLACEMENT = "[Filtered]";

  private String keyPattern;
  private final List<String> keys = new ArrayList<>();
  private String ipAddresses = "true";
  private String replacement = DEFAULT_REPLACEMENT;
  private final List<KeyRule> keyRules = new ArrayList<>();
  private final List<ValueRule> valueRules = new ArrayList<>();
  private final List<String> disabled = new ArrayList<>();
  private String hashKey;

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
   * {@code -} equal to {@code _}; {@code <otp>} as a whole word, {@code ^pin$} as the whole key).
   * Binds the repeatable {@code <key>} element. Default: none.
   */
  public void addKey(String key) {
    keys.add(key);
  }

  /** The fragments added with {@link #addKey}, in order; read-only. */
  public List<String> getKeys() {
    return Collections.unmodifiableList(keys);
  }

  /**
   * Whether IPv4 and IPv6 addresses in text are replaced: {@code true} or {@code false}, as text,
   * so that a typo reaches the appender's validation instead of Joran's silent default (issue 19).
   * Default: {@code true}.
   */
  public void setIpAddresses(String ipAddresses) {
    this.ipAddresses = ipAddresses;
  }

  /** The {@code ipAddresses} text as configured. */
  public String getIpAddresses() {
    return ipAddresses;
  }

  /** Whether IP addresses are replaced; a text that is no boolean counts as the default, true. */
  public boolean isIpAddresses() {
    try {
      return ipAddresses == null || OptionTypes.BOOLEAN.parse(ipAddresses.trim());
    } catch (IllegalArgumentException e) {
      return true; // reported by the appender's validation, which then keeps it from starting
    }
  }

  /**
   * What a scrubbed value becomes unless its rule says otherwise: {@code mask} ({@code ****}),
   * {@code remove} (nothing), {@code hash} (keyed HMAC-SHA256, see {@link #setHashKey}), or any
   * other text, written as it is. Default: {@code [Filtered]}.
   */
  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getReplacement() {
    return replacement;
  }

  /** Adds a key rule, the repeatable {@code <keyRule>} element. Default: none. */
  public void addKeyRule(KeyRule rule) {
    keyRules.add(rule);
  }

  public List<KeyRule> getKeyRules() {
    return Collections.unmodifiableList(keyRules);
  }

  /** Adds a value rule, the repeatable {@code <valueRule>} element. Default: none. */
  public void addValueRule(ValueRule rule) {
    valueRules.add(rule);
  }

  public List<ValueRule> getValueRules() {
    return Collections.unmodifiableList(valueRules);
  }

  /**
   * Switches built-in rules off by name ({@link #BUILT_IN_RULES}), the repeatable {@code
   * <disable>} element; one element may list several, separated by commas. Default: none.
   */
  public void addDisable(String names) {
    if (names != null) {
      for (String name : names.split(",")) {
        disabled.add(name.trim());
      }
    }
  }

  /** The rule names switched off, with {@code ip} when {@link #setIpAddresses} is false. */
  public List<String> getDisabled() {
    List<String> all = new ArrayList<>(disabled);
    if (!isIpAddresses()) {
      all.add(BuiltInRules.IP);
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * The secret key of the {@code hash} replacement, at least 16 characters; take it from the
   * environment ({@code ${PANICWATCH_HASH_KEY}}) rather than writing it into the file. The same
   * key gives the same hash for the same value, across events and processes. Default: unset
   * (then {@code hash} is a configuration error).
   */
  public void setHashKey(String hashKey) {
    this.hashKey = hashKey;
  }

  public String getHashKey() {
    return hashKey;
  }

  /** The names of the built-in rules, in the order they run: {@code keys}, then value rules. */
  public static final List<String> BUILT_IN_RULES = BuiltInRules.NAMES;

  /**
   * Everything wrong with these options, empty when {@link Scrubber#compile} will succeed. Never
   * throws: each adapter relays the problems through its own status system.
   */
  public List<ConfigProblem> validate() {
    List<ConfigProblem> problems = new ArrayList<>();
    patternProblem("scrub.keyPattern", "key pattern", keyPattern, problems);
    for (String key : keys) {
      fragmentProblem("scrub.key", key, problems);
    }
    replacementProblem("scrub.replacement", replacement, problems);
    boolean hash = Replacement.isHash(replacement);
    for (KeyRule rule : keyRules) {
      boolean adjustsDefault = BuiltInRules.KEYS.equals(rule.getName());
      if (rule.getKeys().isEmpty() && rule.getPattern() == null && !adjustsDefault) {
        problems.add(
            new ConfigProblem(
                "scrub.keyRule",
                "Key rule [" + rule + "] has neither <key> nor <pattern>; name it \"keys\" to"
                    + " change the default key list"));
      }
      rule.getKeys().forEach(key -> fragmentProblem("scrub.keyRule", key, problems));
      patternProblem("scrub.keyRule", "pattern of key rule [" + rule + "]", rule.getPattern(), problems);
      hash |= ruleReplacementProblem("scrub.keyRule", rule.getReplacement(), problems);
    }
    for (ValueRule rule : valueRules) {
      boolean builtIn = BuiltInRules.VALUE_RULES.containsKey(rule.getName());
      if (rule.getPattern() == null && !builtIn) {
        problems.add(
            new ConfigProblem(
                "scrub.valueRule",
                "Value rule [" + rule + "] has no <pattern> and names no built-in rule; built-in"
                    + " rules are " + BuiltInRules.VALUE_RULES.keySet()));
      }
      patternProblem("scrub.valueRule", "pattern of value rule [" + rule + "]", rule.getPattern(), problems);
      hash |= ruleReplacementProblem("scrub.valueRule", rule.getReplacement(), problems);
    }
    for (String name : disabled) {
      if (!BuiltInRules.NAMES.contains(name)) {
        problems.add(
            new ConfigProblem(
                "scrub.disable",
                "Unknown rule [" + name + "] to disable: use one of " + BuiltInRules.NAMES));
      }
    }
    if (hash && (hashKey == null || hashKey.length() < MIN_HASH_KEY)) {
      problems.add(
          new ConfigProblem(
              "scrub.hashKey",
              "The hash replacement needs a <hashKey> of at least " + MIN_HASH_KEY
                  + " characters; without one, hashes of short values could be guessed"));
    }
    return problems;
  }

  private static final int MIN_HASH_KEY = 16;

  private static void patternProblem(
      String option, String what, String pattern, List<ConfigProblem> problems) {
    if (pattern == null) {
      return;
    }
    try {
      // A pattern matching "" would flag every key and cut every "x=y" in text: surely a typo.
      if (Pattern.compile(pattern).matcher("").matches()) {
        problems.add(
            new ConfigProblem(
                option,
                Character.toUpperCase(what.charAt(0)) + what.substring(1) + " [" + pattern
                    + "] matches the empty string, so it would match everywhere"));
      }
    } catch (PatternSyntaxException e) {
      problems.add(
          new ConfigProblem(
              option,
              "Invalid " + what + " [" + pattern + "]: " + e.getDescription()
                  + " near index " + e.getIndex()));
    }
  }

  private static void fragmentProblem(String option, String key, List<ConfigProblem> problems) {
    if (key == null || key.isBlank()) {
      problems.add(new ConfigProblem(option, "Blank key [" + key + "]: a key must name a fragment"));
      return;
    }
    String fragment = key.trim();
    if (KeyFragments.isWordForm(fragment) || KeyFragments.isWholeKeyForm(fragment)) {
      fragment = fragment.substring(1, fragment.length() - 1);
    }
    if (!KeyFragments.isValidFragment(fragment)) {
      problems.add(
          new ConfigProblem(
              option,
              "Key [" + key + "] can never match: a key fragment holds only ASCII letters, digits"
                  + " and - _ . [ ]; use a pattern for anything else"));
    }
  }

  private static void replacementProblem(String option, String replacement, List<ConfigProblem> problems) {
    if (replacement == null || replacement.isEmpty()) {
      problems.add(
          new ConfigProblem(
              option,
              "Empty replacement: a scrubbed value would vanish without a trace; write remove"
                  + " if that is meant, or keep the default " + DEFAULT_REPLACEMENT));
    }
  }

  /** Checks a rule's own replacement (null: inherited); whether it asks for the hash. */
  private static boolean ruleReplacementProblem(
      String option, String replacement, List<ConfigProblem> problems) {
    if (replacement == null) {
      return false;
    }
    replacementProblem(option, replacement, problems);
    return Replacement.isHash(replacement);
  }
}
