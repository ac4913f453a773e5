package io.github.panicwatch.core.scrub;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds the values of sensitive keys in text, in every form a key and its value take there:
 * {@code k=v}, {@code k: v}, {@code k = "v w"}, {@code 'k': 'v'}, JSON ({@code "k": "v"},
 * numbers, objects and arrays), escaped JSON inside a string, query strings, {@code --k v} and
 * {@code --k=v}, environment dumps, {@code toString()} output ({@code User{k=v, name=x}}), HTTP
 * header lines (the rest of the line), and a key named by a value ({@code {"name":"password",
 * "value":"v"}}, {@code EnvVar(name=DB_PASSWORD, value=v)}). Only the value is reported; the key
 * stays readable.
 *
 * <p>One pass: the text is read as key tokens (runs of letters, digits, {@code _ - . [ ]}); each
 * token is looked up once, and after a value the scan resumes behind it. A quoted value runs to
 * its closing quote and an object or array to its closing bracket, to the end of the text when
 * there is none (failing closed). Nothing here backtracks.
 */
final class KeyValueScanner {

  private static final Set<String> AUTH_SCHEMES =
      Set.of("basic", "bearer", "digest", "token", "negotiate", "ntlm", "apikey", "hoba", "mutual");

  // After "key: " these words start a sentence, not a value: "Invalid password: must be 8".
  private static final Set<String> PROSE =
      Set.of(
          "must", "should", "is", "was", "are", "were", "be", "not", "cannot", "can't", "required",
          "missing", "invalid", "incorrect", "wrong", "expired", "empty", "too", "does", "did",
          "has", "have", "changed", "reset", "mismatch", "rejected", "null", "none", "unset",
          "the", "a", "an", "for", "of");

  // The longest value that names a key, as in {"name":"DB_PASSWORD","value":...}.
  private static final int MAX_NAME = 64;

  private final KeyRules keys;

  KeyValueScanner(KeyRules keys) {
    this.keys = keys;
  }

  /** Adds a span, with its key's rule, for every value of a sensitive key in the text. */
  void scan(String text, Spans spans) {
    if (!keys.mayNameAny(text)) {
      return; // most lines: no key fragment anywhere, so no token below could match one
    }
    Matcher[] matchers = keys.newMatchers();
    int n = text.length();
    int i = 0;
    int floor = 0;
    while (i < n) {
      if (!isKeyChar(text.charAt(i))) {
        i++;
        continue;
      }
      int keyStart = i;
      while (i < n && isKeyChar(text.charAt(i))) {
        i++;
      }
      int keyEnd = i;
      int rule = keys.ruleOf(text, keyStart, keyEnd, matchers);
      if (rule < 0 || CodeNames.isPathSegment(text, keyStart)) {
        continue; // "/api/auth: 401" is a route
      }
      long span = valueSpan(text, keyStart, keyEnd, floor);
      if (span < 0) {
        span = namedValueSpan(text, keyStart, keyEnd, floor);
      }
      if (span >= 0) {
        int valueStart = (int) (span >>> 32);
        int valueEnd = (int) span;
        if (!isNeverReplaced(text, valueStart, valueEnd)) {
          spans.add(valueStart, valueEnd, rule);
        }
        i = Math.max(valueEnd, keyEnd);
        floor = i;
      }
    }
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
      if (separator == ':' && !quotedKey && isCode(text, keyStart, keyEnd, i)) {
        return -1;
      }
      int afterSeparator = i;
      i = skipSpaces(text, i);
      if (separator == ':' && !quotedKey && i > afterSeparator && isProse(text, i)) {
        return -1;
      }
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

  /**
   * A key named by a value, as in {@code {"name":"password","value":"v"}}: when the token is a
   * whole value (after {@code :} or {@code =}, quoted or followed by a comma), the value of the
   * next pair is the secret.
   */
  private static long namedValueSpan(String text, int keyStart, int keyEnd, int floor) {
    if (keyEnd - keyStart > MAX_NAME) {
      return -1; // a value that long is no name (a token that holds "secret", say)
    }
    int n = text.length();
    int before = keyStart - 1;
    int after = keyEnd;
    if (before >= 0 && isQuote(text.charAt(before))) {
      if (after >= n || text.charAt(after) != text.charAt(before)) {
        return -1;
      }
      before--;
      after++;
    }
    while (before >= 0 && text.charAt(before) == ' ') {
      before--;
    }
    if (before < 0 || (text.charAt(before) != ':' && text.charAt(before) != '=')) {
      return -1;
    }
    after = skipSpaces(text, after);
    if (after >= n || text.charAt(after) != ',') {
      return -1;
    }
    int nextKey = skipSpaces(text, after + 1);
    if (nextKey < n && isQuote(text.charAt(nextKey))) {
      nextKey++;
    }
    int nextKeyEnd = nextKey;
    while (nextKeyEnd < n && isKeyChar(text.charAt(nextKeyEnd))) {
      nextKeyEnd++;
    }
    return nextKeyEnd == nextKey ? -1 : valueSpan(text, nextKey, nextKeyEnd, floor);
  }

  /**
   * Whether a key before a colon is a name in code: a stack frame's {@code TokenService.java:42},
   * or a class name heading an exception or a log line, {@code com.example.TokenException: …}.
   */
  private static boolean isCode(String text, int keyStart, int keyEnd, int afterColon) {
    if (afterColon < text.length()
        && Character.isDigit(text.charAt(afterColon))
        && CodeNames.isSourceFile(text, keyStart, keyEnd)) {
      return true;
    }
    return CodeNames.isClassName(text, keyStart, keyEnd);
  }

  /**
   * Whether the value in {@code text[start, end)} is one Sentry never replaces ({@code ""},
   * {@code true}, {@code false}, {@code null}, {@code undefined}): it holds no secret, and it says
   * whether one was set.
   */
  static boolean isNeverReplaced(CharSequence text, int start, int end) {
    int length = end - start;
    return length == 0
        || (length <= 9
            && (regionIs(text, start, end, "true")
                || regionIs(text, start, end, "false")
                || regionIs(text, start, end, "null")
                || regionIs(text, start, end, "undefined")));
  }

  private static boolean regionIs(CharSequence text, int start, int end, String word) {
    if (end - start != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (text.charAt(start + k) != word.charAt(k)) {
        return false;
      }
    }
    return true;
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
    if (c == '{' || c == '[') {
      return pack(i, bracketEnd(text, i));
    }
    int end = unquotedEnd(text, i);
    if (end < n
        && text.charAt(end) == ' '
        && end + 1 < n
        && !isValueEnd(text.charAt(end + 1))
        && AUTH_SCHEMES.contains(text.substring(i, end).toLowerCase(Locale.ROOT))) {
      end = unquotedEnd(text, end + 1); // "Bearer abc": the credentials follow the scheme
    }
    return pack(i, end);
  }

  /** Just past the bracket closing the one at {@code open}, skipping quoted text; else the end. */
  private static int bracketEnd(String text, int open) {
    int n = text.length();
    int depth = 0;
    int k = open;
    while (k < n) {
      char c = text.charAt(k);
      if (c == '"') {
        k++;
        while (k < n && text.charAt(k) != '"') {
          k += text.charAt(k) == '\\' ? 2 : 1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return k + 1;
      }
      k++;
    }
    return n;
  }

  private static boolean isProse(String text, int i) {
    int end = i;
    while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '\'')) {
      end++;
    }
    return end > i
        && end - i <= 10
        && (end == text.length() || text.charAt(end) == ' ')
        && PROSE.contains(text.substring(i, end).toLowerCase(Locale.ROOT));
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

  static boolean isKeyChar(char c) {
    if (c < 128) { // the common case, without the Unicode tables
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.' || c == '[' || c == ']';
    }
    return Character.isLetterOrDigit(c);
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
}
