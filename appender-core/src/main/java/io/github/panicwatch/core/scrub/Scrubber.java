package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.option.ConfigProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scrubbing rules compiled once at start, applied to any text: the values of sensitive keys
 * ({@link KeyValueScanner}), and values secret by their shape wherever they stand ({@link
 * ValueFinder}s: IP addresses, URL user info, bearer tokens, card numbers, PEM private keys,
 * email addresses, JWTs, AWS, GitHub and Slack tokens, home directory names), each replaced as
 * its rule says ({@link Replacement}). Immutable and thread-safe, so one instance serves every
 * event of an appender, and the watcher's lines too.
 *
 * <p>Each rule reads the original text and reports spans; overlapping spans merge; the text is
 * copied once, and only when something was found. Cost is bounded: text longer than {@link
 * #MAX_FIELD_LENGTH} is cut first, and every built-in rule works in time linear in the length of
 * the text. A custom pattern is the user's to keep safe; if it overflows the stack, the field
 * fails closed. See the README, "Scrubbing".
 */
public final class Scrubber {

  /** Longest text scrubbed per field; longer text is cut to this many chars before scrubbing. */
  public static final int MAX_FIELD_LENGTH = 16384;

  /** Appended to text cut at {@link #MAX_FIELD_LENGTH}. */
  public static final String TRUNCATION_MARK = "…[truncated]";

  private final KeyValueScanner keyValues; // null when no key rule is on
  private final KeyRules keys;
  private final ValueFinder[] finders;
  private final int[] finderRules;
  private final Replacement[] replacements; // by rule index
  private final String failClosed;

  private Scrubber(
      KeyRules keys,
      List<ValueFinder> finders,
      List<Integer> finderRules,
      List<Replacement> replacements,
      String failClosed) {
    this.keys = keys;
    this.keyValues = keys == null ? null : new KeyValueScanner(keys);
    this.finders = finders.toArray(new ValueFinder[0]);
    this.finderRules = finderRules.stream().mapToInt(Integer::intValue).toArray();
    this.replacements = replacements.toArray(new Replacement[0]);
    this.failClosed = failClosed;
  }

  /**
   * Compiles options that {@link ScrubOptions#validate()} accepted.
   *
   * @throws IllegalArgumentException if the options have a problem; validate first to report it
   */
  public static Scrubber compile(ScrubOptions options) {
    List<ConfigProblem> problems = options.validate();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid scrub options: " + problems);
    }
    return new Compiler(options).scrubber();
  }

  /** The text of a whole field that could not be scrubbed, and of sensitive values in maps. */
  public String replacement() {
    return failClosed;
  }

  /** Whether a map key (MDC, tag, extra, breadcrumb data, header) names a sensitive value. */
  public boolean isSensitiveKey(String key) {
    return keys != null && keys.ruleOf(key) >= 0;
  }

  /**
   * The value of a map entry as its key's rule replaces it, or null when the key is not
   * sensitive. A {@code remove} rule gives the empty string: callers drop such entries.
   */
  public String replaceValueOf(String key, Object value) {
    int rule = keys == null ? -1 : keys.ruleOf(key);
    return rule < 0 ? null : replacements[rule].apply(String.valueOf(value));
  }

  /**
   * The text with every rule applied: the same instance when nothing matched, null for null.
   * Text over {@link #MAX_FIELD_LENGTH} is cut there and marked. Fails closed: if scrubbing
   * throws, the whole text becomes {@link #replacement()}.
   */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() <= MAX_FIELD_LENGTH) {
        return scrubWhole(text);
      }
      int cut = MAX_FIELD_LENGTH;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--; // do not leave half a surrogate pair behind
      }
      // The mark goes on after scrubbing so an unclosed quoted value cut here cannot swallow it.
      return scrubWhole(text.substring(0, cut)) + TRUNCATION_MARK;
    } catch (RuntimeException | StackOverflowError e) {
      return failClosed;
    }
  }

  /** All rules over the whole text, no length cap: package-private so tests can prove linearity. */
  String scrubWhole(String text) {
    Spans spans = new Spans();
    if (keyValues != null) {
      keyValues.scan(text, spans);
    }
    for (int i = 0; i < finders.length; i++) {
      finders[i].find(text, spans, finderRules[i]);
    }
    return spans.apply(text, replacements);
  }

  /** Turns validated options into the rule tables: one rule index per replacement. */
  private static final class Compiler {
    private final ScrubOptions options;
    private final List<Replacement> replacements = new ArrayList<>();
    private final Map<String, String> builtInSpecs = new HashMap<>();
    private final List<String> fragments = new ArrayList<>();
    private final List<Integer> fragmentRules = new ArrayList<>();
    private final List<Pattern> keyPatterns = new ArrayList<>();
    private final List<Integer> keyPatternRules = new ArrayList<>();
    private final List<ValueFinder> finders = new ArrayList<>();
    private final List<Integer> finderRules = new ArrayList<>();

    Compiler(ScrubOptions options) {
      this.options = options;
      // a rule without keys or pattern, named like a built-in one, sets that rule's replacement
      for (KeyRule rule : options.getKeyRules()) {
        if (rule.getKeys().isEmpty() && rule.getPattern() == null && rule.getReplacement() != null) {
          builtInSpecs.put(rule.getName(), rule.getReplacement());
        }
      }
      for (ValueRule rule : options.getValueRules()) {
        if (rule.getPattern() == null && rule.getReplacement() != null) {
          builtInSpecs.put(rule.getName(), rule.getReplacement());
        }
      }
    }

    Scrubber scrubber() {
      List<String> disabled = options.getDisabled();
      int keysRule = rule(builtInSpecs.get(BuiltInRules.KEYS));
      if (!disabled.contains(BuiltInRules.KEYS)) {
        if (options.getKeyPattern() != null) {
          keyPattern(options.getKeyPattern(), keysRule);
        } else {
          ScrubOptions.DEFAULT_KEYS.forEach(key -> fragment(key, keysRule));
        }
      }
      options.getKeys().forEach(key -> fragment(key, keysRule));
      for (KeyRule keyRule : options.getKeyRules()) {
        if (!keyRule.getKeys().isEmpty() || keyRule.getPattern() != null) {
          int rule = rule(keyRule.getReplacement());
          keyRule.getKeys().forEach(key -> fragment(key, rule));
          if (keyRule.getPattern() != null) {
            keyPattern(keyRule.getPattern(), rule);
          }
        }
      }
      KeyRules keys =
          fragments.isEmpty() && keyPatterns.isEmpty()
              ? null
              : new KeyRules(new KeyFragments(fragments, fragmentRules), keyPatterns, keyPatternRules);
      BuiltInRules.VALUE_RULES.forEach(
          (name, finder) -> {
            if (!disabled.contains(name)) {
              finder(finder, rule(builtInSpecs.get(name)));
            }
          });
      for (ValueRule valueRule : options.getValueRules()) {
        if (valueRule.getPattern() != null) {
          finder(new PatternFinder(Pattern.compile(valueRule.getPattern())), rule(valueRule.getReplacement()));
        }
      }
      String failClosed = Replacement.of(options.getReplacement(), options.getHashKey()).failClosedText();
      return new Scrubber(keys, finders, finderRules, replacements, failClosed);
    }

    /** A new rule index with its replacement; a null spec takes the scrub element's. */
    private int rule(String spec) {
      replacements.add(
          Replacement.of(spec == null ? options.getReplacement() : spec, options.getHashKey()));
      return replacements.size() - 1;
    }

    private void fragment(String key, int rule) {
      fragments.add(key.trim());
      fragmentRules.add(rule);
    }

    private void keyPattern(String pattern, int rule) {
      keyPatterns.add(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
      keyPatternRules.add(rule);
    }

    private void finder(ValueFinder finder, int rule) {
      finders.add(finder);
      finderRules.add(rule);
    }
  }
}
