package io.github.panicwatch.core.scrub;

import java.util.Set;

/**
 * Tells names in code from keys of pairs, so that code stays readable (issue 13): a source file
 * with its line number ({@code TokenService.java:42} in a stack frame), a class name before a
 * colon ({@code com.example.auth.TokenExpiredException: …} at the head of a trace, {@code
 * c.e.AuthFilter: …} from a logger pattern, {@code TokenRefreshService: …}) and a segment of a
 * path or route ({@code /api/auth: 401}) are no keys, whatever key word they contain.
 */
final class CodeNames {
  // Source files that stack frames of the JVM and of the runtimes next to it name.
  private static final Set<String> SOURCE_EXTENSIONS =
      Set.of(
          "java", "kt", "kts", "scala", "groovy", "clj", "cljc", "class", "jar", "py", "rb", "go",
          "rs", "js", "mjs", "cjs", "ts", "tsx", "jsx", "cs", "c", "cc", "cpp", "h", "hpp", "php",
          "swift", "dart", "ex", "exs", "erl");

  // The last word of a class name that says it is one: AuthFilter, TokenService, PasswordEncoder.
  private static final Set<String> TYPE_WORDS =
      Set.of(
          "Adapter", "Api", "Authenticator", "Builder", "Cache", "Checker", "Client", "Config",
          "Configuration", "Consumer", "Context", "Controller", "Converter", "Dao", "Decoder",
          "Encoder", "Endpoint", "Error", "Exception", "Factory", "Filter", "Generator", "Handler",
          "Helper", "Holder", "Impl", "Interceptor", "Issuer", "Job", "Listener", "Loader",
          "Manager", "Mapper", "Module", "Parser", "Policy", "Processor", "Properties", "Provider",
          "Publisher", "Reader", "Refresher", "Registry", "Repository", "Resolver", "Resource",
          "Scheduler", "Service", "Servlet", "Source", "Store", "Strategy", "Subscriber",
          "Supplier", "Support", "Task", "Template", "Test", "Util", "Utils", "Validator",
          "Verifier", "Worker", "Writer");

  private static final int MAX_EXTENSION = 5;

  private CodeNames() {}

  /** Whether {@code text[start, end)} is a file name of source code: {@code Auth.java}. */
  static boolean isSourceFile(String text, int start, int end) {
    int dot = end - 1;
    while (dot > start && end - dot <= MAX_EXTENSION + 1 && text.charAt(dot) != '.') {
      dot--; // only within the name, and only as far as an extension can be long
    }
    return dot > start && text.charAt(dot) == '.' && SOURCE_EXTENSIONS.contains(text.substring(dot + 1, end));
  }

  /**
   * Whether {@code text[start, end)} is a class name: qualified, two or more lowercase package
   * names then a capitalised one ({@code com.example.TokenException}, {@code c.e.AuthFilter},
   * also followed by a method); or simple, capitalised camel case ending in a word that names a
   * kind of class ({@code TokenService}, {@code InvalidTokenException}). {@code db.Password} and
   * {@code AuthToken} are keys.
   */
  static boolean isClassName(String text, int start, int end) {
    int packages = 0;
    int segment = start;
    while (segment < end) {
      int segmentEnd = segment;
      while (segmentEnd < end && text.charAt(segmentEnd) != '.') {
        segmentEnd++; // within the name only: each char of it is read once
      }
      if (segmentEnd == segment) {
        return false;
      }
      char first = text.charAt(segment);
      if (Character.isUpperCase(first)) {
        return packages >= 2
            ? hasLowerCase(text, segment, segmentEnd)
            : packages == 0 && segmentEnd == end && isTypeWordEnd(text, segment, end);
      }
      if (!isPackageName(text, segment, segmentEnd)) {
        return false;
      }
      packages++;
      segment = segmentEnd + 1;
    }
    return false;
  }

  /** Whether the char before {@code start} makes the word there a segment of a path or route. */
  static boolean isPathSegment(String text, int start) {
    return start > 0 && (text.charAt(start - 1) == '/' || text.charAt(start - 1) == '\\');
  }

  private static boolean isPackageName(String text, int start, int end) {
    if (!Character.isLowerCase(text.charAt(start))) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!Character.isLowerCase(c) && !Character.isDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLowerCase(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a camel-case name of two or more words ends in one of {@link #TYPE_WORDS}. */
  private static boolean isTypeWordEnd(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    int lastWord = end - 1;
    while (lastWord > start && !Character.isUpperCase(text.charAt(lastWord))) {
      if (!Character.isLowerCase(text.charAt(lastWord))) {
        return false;
      }
      lastWord--;
    }
    return lastWord > start && TYPE_WORDS.contains(text.substring(lastWord, end));
  }
}
