package io.github.panicwatch.watch;

import java.util.function.Function;

/**
 * Variable substitution for the values the watcher reads from a configuration file: {@code ${NAME}}
 * and {@code ${NAME:-default}}, nested in names and defaults, looked up by the caller. Logback and
 * Log4j2 share that syntax and differ in the lookup (Log4j2's {@code env:} and {@code sys:}
 * prefixes are part of the name here). An undefined variable without default stays as written,
 * {@code ${NAME}}, which the core's start-up reports as an error of its option
 * ({@code UnresolvedVariables.PLACEHOLDER}), in the words the appender would use.
 */
final class PropertySubstitution {
  private static final int MAX_DEPTH = 16;

  private final Function<String, String> lookup;

  /** @param lookup the value of a variable, or {@code null} when it is undefined */
  PropertySubstitution(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  String substitute(String text) {
    return text == null ? null : substitute(text, 0);
  }

  private String substitute(String text, int depth) {
    if (depth > MAX_DEPTH || !text.contains("${")) {
      return text; // a self-referencing chain stops here instead of looping
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      int end = start < 0 ? -1 : closingBrace(text, start + 2);
      if (end < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      out.append(resolve(text.substring(start + 2, end), depth));
      i = end + 1;
    }
    return out.toString();
  }

  private String resolve(String expression, int depth) {
    int separator = topLevelDefault(expression);
    String name = substitute(separator < 0 ? expression : expression.substring(0, separator), depth + 1);
    String value = lookup.apply(name.trim());
    if (value != null) {
      return substitute(value, depth + 1);
    }
    if (separator >= 0) {
      return substitute(expression.substring(separator + 2), depth + 1);
    }
    return "${" + name.trim() + "}";
  }

  /** Index of the "}" that closes the "${" opened before {@code from}, or -1. */
  private static int closingBrace(String text, int from) {
    int open = 1;
    for (int i = from; i < text.length(); i++) {
      if (text.startsWith("${", i)) {
        open++;
        i++;
      } else if (text.charAt(i) == '}' && --open == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the ":-" not inside a nested "${…}", or -1. */
  private static int topLevelDefault(String expression) {
    int open = 0;
    for (int i = 0; i < expression.length() - 1; i++) {
      if (expression.startsWith("${", i)) {
        open++;
        i++;
      } else if (expression.charAt(i) == '}') {
        open--;
      } else if (open == 0 && expression.startsWith(":-", i)) {
        return i;
      }
    }
    return -1;
  }
}
