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
 * ValueFinder}s: IP addresses, URL user info, bearer tokens, card numbers, IBANs, US social
 * security numbers, PEM private keys, email addresses, JWTs, the tokens of some forty-five providers
 * ({@link TokenRules}), home directory names), each replaced as its rule says ({@link
 * Replacement}). Immutable and thread-safe, so one instance serves every
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

  // A word the cap would split is cut off whole if it starts this close: longer is no token.
  private static final int MAX_TOKEN_CUT_BACK = 512;

  private static final PasswordValueRule PASSWORD_VALUES = new PasswordValueRule();

  private final KeyValueScanner keyValues; // null when no key rule is on
  private final KeyRules keys;
  private final int passwordValueRule; // the default keys' rule, or -1 when they are off
  private final LiteralStarts tokens; // every built-in pattern rule, found in one pass; or null
  private final int[] tokenRules;
  private final ValueFinder[] finders;
  private final int[] finderRules;
  private final Replacement[] replacements; // by rule index
  private final String failClosed;

  private Scrubber(Compiler compiled, KeyRules keys, int passwordValueRule, String failClosed) {
    this.keys = keys;
    this.keyValues = keys == null ? null : new KeyValueScanner(keys);
    this.passwordValueRule = passwordValueRule;
    this.tokens = compiled.tokens.isEmpty() ? null : new LiteralStarts(compiled.tokens);
    this.tokenRules = compiled.tokenRules.stream().mapToInt(Integer::intValue).toArray();
    this.finders = compiled.finders.toArray(new ValueFinder[0]);
    this.finderRules = compiled.finderRules.stream().mapToInt(Integer::intValue).toArray();
    this.replacements = compiled.replacements.toArray(new Replacement[0]);
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
   * sensitive, or the value is one Sentry never replaces: null, a boolean, or the text {@code ""},
   * {@code true}, {@code false}, {@code null} or {@code undefined}. A {@code remove} rule gives
   * the empty string: callers drop such entries.
   */
  public String replaceValueOf(String key, Object value) {
    if (value == null
        || value instanceof Boolean
        || (value instanceof CharSequence text && KeyValueScanner.isNeverReplaced(text, 0, text.length()))) {
      return null;
    }
    int rule = keys == null ? -1 : keys.ruleOf(key);
    return rule < 0 ? null : replacements[rule].apply(String.valueOf(value));
  }

  /** Whether {@link #replaceValueNamingSecret} can replace anything: the default keys are on. */
  boolean replacesValuesNamingSecrets() {
    return passwordValueRule >= 0;
  }

  /**
   * A map entry's value as the default keys' rule replaces it when the value itself names a
   * secret ({@code "password hunter2"}: Relay's rule, see {@link PasswordValueRule}), else null.
   * For values whose key is not sensitive; a {@code remove} rule gives the empty string.
   */
  public String replaceValueNamingSecret(String value) {
    return passwordValueRule >= 0 && PASSWORD_VALUES.namesSecret(value)
        ? replacements[passwordValueRule].apply(value)
        : null;
  }

  /**
   * The text with every rule applied: the same instance when nothing matched, null for null.
   * Text over {@link #MAX_FIELD_LENGTH} is cut there and marked; a word the cut would split goes
   * whole (if it starts within 512 chars of the cut), so that no first half of a token is left
   * that its rule cannot know. Fails closed: if scrubbing
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
      // nor the first half of a token whose rule needs all of it to know it (ghp_ and 36 chars):
      // a word the cap splits goes whole, unless it is too long to be a token
      int wordStart = cut;
      int stop = cut - MAX_TOKEN_CUT_BACK;
      while (wordStart > stop && isTokenChar(text.charAt(wordStart - 1))) {
        wordStart--;
      }
      if (wordStart > stop) {
        cut = wordStart;
      }
      // The mark goes on after scrubbing so an unclosed quoted value cut here cannot swallow it.
      return scrubWhole(text.substring(0, cut)) + TRUNCATION_MARK;
    } catch (RuntimeException | StackOverflowError e) {
      return failClosed;
    }
  }

  /** A char of a token or of a value: letters, digits and the symbols of base64 and URLs. */
  private static boolean isTokenChar(char c) {
    return Character.isLetterOrDigit(c) || "_-+/=.~%:".indexOf(c) >= 0;
  }

  /** All rules over the whole text, no length cap: package-private so tests can prove linearity. */
  String scrubWhole(String text) {
    Spans spans = new Spans();
    if (keyValues != null) {
      keyValues.scan(text, spans);
    }
    if (tokens != null) {
      tokens.find(text, spans, tokenRules);
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
    private final List<PatternFinder> tokens = new ArrayList<>();
    private final List<Integer> tokenRules = new ArrayList<>();
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
      int passwordValueRule = disabled.contains(BuiltInRules.KEYS) ? -1 : keysRule;
      return new Scrubber(this, keys, passwordValueRule, failClosed);
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

    /** A value rule; built-in patterns with starts join the one-pass search of all of them. */
    private void finder(ValueFinder finder, int rule) {
      if (finder instanceof PatternFinder pattern && !pattern.starts().isEmpty()) {
        tokens.add(pattern);
        tokenRules.add(rule);
      } else {
        finders.add(finder);
        finderRules.add(rule);
      }
    }
  }
}
