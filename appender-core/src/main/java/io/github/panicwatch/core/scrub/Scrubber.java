package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scrubbing rules compiled once at start: replaces the values of sensitive keys, the password
 * in URL user info and IP addresses in any text. Immutable and thread-safe, so one instance serves
 * every event of an appender.
 *
 * <p>What is replaced, and what stays:
 *
 * <ul>
 *   <li>A key is sensitive when the key pattern is found in it (default: {@link
 *       ScrubOptions#DEFAULT_KEYS}, contained, any case, {@code -} equal to {@code _}). In text, only
 *       its value is replaced and the key stays readable: {@code password=[Filtered]}. Values
 *       follow {@code =} or {@code :} (spaces allowed around them, the key optionally quoted), or
 *       a space after a {@code --flag}. A quoted value runs to its closing quote (to the end of the
 *       text if there is none); an unquoted one stops at white space or one of {@code , ; & } ) ]
 *       " '}. An unquoted value after an HTTP auth scheme ({@code Basic}, {@code Bearer}, ...)
 *       includes the credentials after it, and a {@code key: value} at the start of a line is a
 *       header: its value is the rest of the line. A key with no value ({@code password reset
 *       email sent}) is left alone.
 *   <li>{@code scheme://user:secret@host}: the secret is replaced, the user and host stay.
 *   <li>IPv4 addresses (a port after them is kept: it identifies a service, not a person) and IPv6
 *       addresses, full or compressed, with a zone ({@code fe80::1%eth0}) or in brackets. Dotted
 *       runs of more than four numbers ({@code 1.2.3.4.5}) are version numbers and stay; so do
 *       times ({@code 12:30:45}), UUIDs and {@code ::} between names. An IPv6 address must contain
 *       a digit, so hex-only names such as {@code Feed::add} are not read as one.
 * </ul>
 *
 * <p>Cost is bounded: text longer than {@link #MAX_FIELD_LENGTH} is truncated first, and the
 * built-in rules work in time linear in the length of the text (bounded regex quantifiers, hand
 * scanning where a regex would backtrack). A custom key pattern is the user's to keep safe.
 */
public final class Scrubber {

  /** Longest text scrubbed per field; longer text is cut to this many chars before scrubbing. */
  public static final int MAX_FIELD_LENGTH = 16384;

  /** Appended to text cut at {@link #MAX_FIELD_LENGTH}. */
  public static final String TRUNCATION_MARK = "…[truncated]";

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

  // Not after a word char or dot, not before another ".digit" or word char: "1.2.3.4.5" and
  // "v1.2.3.4" are versions. Every quantifier is bounded, so each start costs a constant.
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\.?\\w)");

  private static final String HEXTET = "[0-9a-f]{1,4}";

  // The usual alternation of the eight IPv6 shapes, without the bare "::". Bounded quantifiers
  // only; the digit look-ahead (bounded too) keeps hex-only names like "Feed::add" out, and the
  // look-behind keeps "foo::bar", "12:30:45" and runs like "a:a:a:..." from starting mid-word.
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![\\w:])(?=[0-9a-f:]{0,40}\\d)(?:"
              + String.join(
                      "|",
                      "(?:H:){7}H",
                      "(?:H:){1,7}:",
                      "(?:H:){1,6}:H",
                      "(?:H:){1,5}(?::H){1,2}",
                      "(?:H:){1,4}(?::H){1,3}",
                      "(?:H:){1,3}(?::H){1,4}",
                      "(?:H:){1,2}(?::H){1,5}",
                      "H:(?::H){1,6}",
                      ":(?::H){1,7}")
                  .replace("H", HEXTET)
              + ")(?:%[\\w.~-]++)?(?![\\w:.])",
          Pattern.CASE_INSENSITIVE);

  private static final Set<String> AUTH_SCHEMES =
      Set.of("basic", "bearer", "digest", "token", "negotiate", "ntlm", "apikey", "hoba", "mutual");

  private final Pattern keyPattern;
  private final boolean ipAddresses;
  private final String replacement;

  private Scrubber(Pattern keyPattern, boolean ipAddresses, String replacement) {
    this.keyPattern = keyPattern;
    this.ipAddresses = ipAddresses;
    this.replacement = replacement;
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
    List<String> alternatives = new ArrayList<>();
    if (options.getKeyPattern() != null) {
      alternatives.add("(?:" + options.getKeyPattern() + ")");
    } else {
      ScrubOptions.DEFAULT_KEYS.forEach(key -> alternatives.add(fragmentRegex(key)));
    }
    options.getKeys().forEach(key -> alternatives.add(fragmentRegex(key.trim())));
    return new Scrubber(
        Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE),
        options.isIpAddresses(),
        options.getReplacement());
  }

  /** A literal key fragment as a regex in which {@code -} and {@code _} match each other. */
  static String fragmentRegex(String key) {
    StringBuilder regex = new StringBuilder();
    int literalStart = 0;
    for (int i = 0; i <= key.length(); i++) {
      if (i == key.length() || key.charAt(i) == '-' || key.charAt(i) == '_') {
        if (i > literalStart) {
          regex.append(Pattern.quote(key.substring(literalStart, i)));
        }
        if (i < key.length()) {
          regex.append("[-_]");
        }
        literalStart = i + 1;
      }
    }
    return regex.toString();
  }

  /** The text that stands in for what was scrubbed. */
  public String replacement() {
    return replacement;
  }

  /** Whether a map key (MDC, tag, extra, breadcrumb data, header) names a sensitive value. */
  public boolean isSensitiveKey(String key) {
    return key != null && keyPattern.matcher(key).find();
  }

  /**
   * The text with sensitive values replaced: the same instance when nothing matched, null for
   * null. Fails closed: if scrubbing throws, the whole text becomes the replacement.
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
      return replacement;
    }
  }

  /** All rules over the whole text, no length cap: package-private so tests can prove linearity. */
  String scrubWhole(String text) {
    String result = scrubKeyValues(text);
    result = scrubUserInfo(result);
    if (ipAddresses) {
      // IPv4 first, so the v4 tail of "::ffff:10.1.2.3" goes whole rather than half.
      if (result.indexOf('.') >= 0) {
        result = replaceAll(IPV4, result);
      }
      if (result.indexOf(':') >= 0) {
        result = replaceAll(IPV6, result);
      }
    }
    return result;
  }

  private String replaceAll(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    do {
      out.append(text, copied, m.start()).append(replacement);
      copied = m.end();
    } while (m.find());
    return out.append(text, copied, text.length()).toString();
  }

  // Key/value pairs by hand: a single regex "[\w-]*(?:password|...)[\w-]*\s*[=:]..." backtracks
  // cubically on "passwordpassword...". Here each key token is read once: every fragment inside
  // one token leads to the same key end and the same verdict, so the search resumes past it.
  private String scrubKeyValues(String text) {
    Matcher m = keyPattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int n = text.length();
    while (from < n && m.find(from)) {
      if (m.end() == m.start()) {
        from = m.start() + 1; // validate() rejects empty matches; this only guards progress
        continue;
      }
      int keyStart = m.start();
      while (keyStart > from && isKeyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      int keyEnd = m.end();
      while (keyEnd < n && isKeyChar(text.charAt(keyEnd))) {
        keyEnd++;
      }
      long span = valueSpan(text, keyStart, keyEnd, from);
      if (span < 0) {
        from = keyEnd;
        continue;
      }
      int valueStart = (int) (span >>> 32);
      int valueEnd = (int) span;
      if (valueEnd > valueStart) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, valueStart).append(replacement);
        copied = valueEnd;
      }
      from = Math.max(valueEnd, keyEnd);
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /** The value after the key in [keyStart, keyEnd) as start << 32 | end, or -1 if none. */
  private static long valueSpan(String text, int keyStart, int keyEnd, int floor) {
    int n = text.length();
    int i = keyEnd;
    // the closing quote of a quoted key, possibly escaped inside a JSON string: "k", 'k', \"k\"
    if (i < n && isQuote(text.charAt(i))) {
      i++;
    } else if (i + 1 < n && text.charAt(i) == '\\' && isQuote(text.charAt(i + 1))) {
      i += 2;
    }
    boolean quotedKey = i > keyEnd;
    int afterKey = i;
    i = skipSpaces(text, i);
    if (i < n && (text.charAt(i) == '=' || text.charAt(i) == ':')) {
      char separator = text.charAt(i);
      i++;
      if (separator == ':' && i < n && text.charAt(i) == ':') {
        return -1; // "key::name" is a scope, not a pair
      }
      i = skipSpaces(text, i);
      if (separator == ':' && !quotedKey && startsLine(text, keyStart, floor)) {
        int end = i;
        while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        return pack(i, end); // a header line: "Authorization: Basic abc==" loses all of it
      }
      return valueAt(text, i);
    }
    if (i > afterKey && !quotedKey && text.startsWith("--", keyStart)) {
      return valueAt(text, i); // "--password hunter2"
    }
    return -1;
  }

  private static long valueAt(String text, int i) {
    int n = text.length();
    if (i >= n) {
      return pack(i, i);
    }
    char c = text.charAt(i);
    if (isQuote(c)) {
      int k = i + 1;
      while (k < n && text.charAt(k) != c) {
        k += text.charAt(k) == '\\' ? 2 : 1;
      }
      return pack(i + 1, Math.min(k, n)); // unclosed: to the end, failing closed
    }
    if (c == '\\' && i + 1 < n && isQuote(text.charAt(i + 1))) {
      int close = text.indexOf("\\" + text.charAt(i + 1), i + 2);
      return pack(i + 2, close < 0 ? n : close);
    }
    int end = unquotedEnd(text, i);
    if (end < n
        && text.charAt(end) == ' '
        && end + 1 < n
        && !isValueEnd(text.charAt(end + 1))
        && AUTH_SCHEMES.contains(text.substring(i, end).toLowerCase(java.util.Locale.ROOT))) {
      end = unquotedEnd(text, end + 1); // "Bearer abc": the credentials follow the scheme
    }
    return pack(i, end);
  }

  private static int unquotedEnd(String text, int i) {
    while (i < text.length() && !isValueEnd(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean startsLine(String text, int keyStart, int floor) {
    int i = keyStart - 1;
    while (i >= floor && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    return i < 0 || text.charAt(i) == '\n' || text.charAt(i) == '\r';
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static long pack(int start, int end) {
    return ((long) start << 32) | end;
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '[' || c == ']';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isValueEnd(char c) {
    switch (c) {
      case ',', ';', '&', '}', ')', ']', '"', '\'':
        return true;
      default:
        return Character.isWhitespace(c);
    }
  }

  // "scheme://user:secret@host" by hand, for the same reason as the key scan: each "://" is read
  // up to the first char that cannot be in user info, and the search resumes there.
  private String scrubUserInfo(String text) {
    int at = text.indexOf("://");
    if (at < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    while (at >= 0) {
      int k = at + 3;
      int colon = -1;
      while (k < n && !endsUserInfo(text.charAt(k))) {
        if (text.charAt(k) == ':' && colon < 0) {
          colon = k;
        }
        k++;
      }
      if (k < n && text.charAt(k) == '@' && colon >= 0 && k > colon + 1) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, colon + 1).append(replacement);
        copied = k;
      }
      at = text.indexOf("://", Math.max(k, at + 3));
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  private static boolean endsUserInfo(char c) {
    switch (c) {
      case '@', '/', '?', '#', '"', '\'', '<', '>', '\\', '[', ']', '{', '}', '|':
        return true;
      default:
        return Character.isWhitespace(c);
    }
  }
}
