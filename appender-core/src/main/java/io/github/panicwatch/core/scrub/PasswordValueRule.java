package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Relay's {@code @password} rule on the value of a pair (a map entry: MDC, tags, extras,
 * breadcrumb data, headers): a value that itself names a secret, as in {@code "password
 * hunter2"}, {@code "api-key k3y"} or {@code "X-Auth-Token: abc"}, goes whole. The words are
 * Relay's: {@code password}, {@code secret}, {@code passwd}, {@code api_key}, {@code apikey},
 * {@code auth}, {@code credentials}, {@code mysql_pwd}, {@code privatekey}, {@code private_key},
 * and {@code token} before {@code :} or {@code =} (issue 13).
 *
 * <p>Better than Relay, which finds its words anywhere in the value (so {@code author}, {@code
 * com.example.AuthFilter} and {@code /api/auth/login} go too): a word counts only where it ends a
 * word of the value ({@code db_password}, {@code userPassword}, {@code OAuth}; not {@code
 * passwordless}, {@code AuthFilter}), and not inside code: a dotted name, a path or route, a
 * method call. A value of more than one line is text, not a pair's value (an hs_err excerpt, a
 * panic's output), and is scrubbed as text. Relay's never-replaced values stay.
 */
final class PasswordValueRule {
  private static final List<String> WORDS =
      List.of(
          "password", "secret", "passwd", "api_key", "apikey", "auth", "credentials", "mysql_pwd",
          "privatekey", "private_key");
  private static final String TOKEN = "token";

  // any of the words, or token, anywhere (case ignored, - equal to _): most values have none
  private final KeyFragments gate;

  PasswordValueRule() {
    List<String> literals = new ArrayList<>(WORDS);
    literals.add(TOKEN);
    gate = new KeyFragments(literals, Collections.nCopies(literals.size(), 0));
  }

  /** Whether a pair's value names a secret, so that it goes whole. */
  boolean namesSecret(String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || KeyValueScanner.isNeverReplaced(value, 0, value.length()) || !gate.anyIn(value)) {
      return false;
    }
    int n = value.length();
    int i = 0;
    while (i < n) {
      if (!isWordChar(value.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isWordChar(value.charAt(i))) {
        i++;
      }
      if (!isInCode(value, start, i) && (endsInWord(value, start, i) || isTokenKey(value, start, i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the word ends in one of {@link #WORDS}, itself starting a part of the word. */
  private static boolean endsInWord(String value, int start, int end) {
    for (String word : WORDS) {
      int at = end - word.length();
      if (at >= start && sameKeyText(value, at, word) && startsPart(value, start, at)) {
        return true;
      }
    }
    return false;
  }

  /** Relay's {@code token[^\s]*[:=]}: a word holding token, right before : or =. */
  private static boolean isTokenKey(String value, int start, int end) {
    if (end >= value.length() || (value.charAt(end) != ':' && value.charAt(end) != '=')) {
      return false;
    }
    for (int at = start; at + TOKEN.length() <= end; at++) {
      if (value.regionMatches(true, at, TOKEN, 0, TOKEN.length())) {
        return true;
      }
    }
    return false;
  }

  /** A dotted name, path, route, address, variable or method call around the word. */
  private static boolean isInCode(String value, int start, int end) {
    char before = start > 0 ? value.charAt(start - 1) : ' ';
    char after = end < value.length() ? value.charAt(end) : ' ';
    return isCodeMark(before)
        || isCodeMark(after)
        || after == '('
        || (before == '.' && start > 1 && Character.isLetterOrDigit(value.charAt(start - 2)))
        || (after == '.' && end + 1 < value.length() && Character.isLetterOrDigit(value.charAt(end + 1)));
  }

  private static boolean isCodeMark(char c) {
    return c == '/' || c == '\\' || c == '$' || c == '@' || c == '#';
  }

  /** Whether {@code at} starts a part of the word beginning at {@code start}. */
  private static boolean startsPart(String value, int start, int at) {
    if (at == start) {
      return true;
    }
    char before = value.charAt(at - 1);
    char first = value.charAt(at);
    return before == '_'
        || before == '-'
        || Character.isDigit(before)
        || (Character.isUpperCase(first) && Character.isLowerCase(before)) // userPassword
        || (Character.isUpperCase(first) // OAuth: a capital run before a capitalised word
            && Character.isUpperCase(before)
            && at + 1 < value.length()
            && Character.isLowerCase(value.charAt(at + 1)));
  }

  /** The word at {@code at}, ignoring case, with - equal to _. */
  private static boolean sameKeyText(String value, int at, String word) {
    for (int k = 0; k < word.length(); k++) {
      char c = value.charAt(at + k);
      char w = word.charAt(k);
      if (w == '_' ? c != '_' && c != '-' : Character.toLowerCase(c) != w) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}
