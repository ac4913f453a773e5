package io.github.panicwatch.core.config;

import io.github.panicwatch.core.option.OptionType;
import io.github.panicwatch.core.select.Severity;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The value types of the appender's options beyond plain text and numbers: levels, durations, the
 * DSN, and the names Sentry or Java restrict (a dist, a tag name, a package prefix, a proxy host).
 */
final class ValueTypes {
  private ValueTypes() {}

  /**
   * A level name, any case. Strict: a typo is an error, not the silent {@code DEBUG} that Logback's
   * own {@code Level} setter makes of it.
   */
  static final OptionType<Severity> LEVEL =
      text -> {
        Severity level = Severity.parse(text);
        if (level == null) {
          throw new IllegalArgumentException("use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
        }
        return level;
      };

  /** A positive duration written as Logback writes them ({@link DurationText}), in milliseconds. */
  static final OptionType<Long> DURATION =
      text -> {
        long millis = DurationText.parseMillis(text);
        if (millis <= 0) {
          throw new IllegalArgumentException(
              "use a positive duration such as \"1 hour\", \"30 minutes\" or \"500 milliseconds\"");
        }
        return millis;
      };

  /**
   * A Sentry DSN, {@code http(s)://PUBLIC_KEY@host[:port]/PROJECT_ID}, checked completely at start
   * so a DSN the SDK would reject, or could never reach, fails there and not at the first panic
   * (issue 19). Shown in status lines without its key.
   */
  static final OptionType<URI> DSN =
      new OptionType<>() {
        @Override
        public URI parse(String text) {
          URI uri;
          try {
            uri = new URI(text);
          } catch (URISyntaxException e) {
            // the reason alone: the exception's message repeats the whole DSN, key included
            throw new IllegalArgumentException(e.getReason() + " at index " + e.getIndex());
          }
          String scheme = uri.getScheme();
          if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("the scheme must be http or https");
          }
          if (uri.getHost() == null) {
            throw new IllegalArgumentException("it has no host");
          }
          if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw new IllegalArgumentException("port " + uri.getPort() + " is out of range (1 to 65535)");
          }
          String userInfo = uri.getUserInfo();
          if (userInfo == null || userInfo.isBlank() || userInfo.startsWith(":")) {
            throw new IllegalArgumentException("it has no public key (http://KEY@host/PROJECT)");
          }
          String path = uri.getPath();
          String projectId = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
          if (projectId.isEmpty()) {
            throw new IllegalArgumentException("it has no project id (http://KEY@host/PROJECT)");
          }
          if (!projectId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("its project id [" + projectId + "] is not a number");
          }
          return uri;
        }

        /** Everything but the key: read as text, since a DSN that does not parse must not leak it either. */
        @Override
        public String redact(String text) {
          int scheme = text.indexOf("://");
          int authority = scheme < 0 ? 0 : scheme + 3;
          int path = text.indexOf('/', authority);
          int at = text.lastIndexOf('@', path < 0 ? text.length() - 1 : path - 1);
          return at < authority ? text : text.substring(0, authority) + "*****" + text.substring(at);
        }
      };

  /**
   * A Sentry dist: what Sentry keeps (letters, digits, {@code _ . -}, 64 at most). Anything else
   * Sentry would drop from every event, silently: here it is an error at start (issue 15).
   */
  static final OptionType<String> DIST =
      text -> {
        if (text.length() > 64 || !text.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
          throw new IllegalArgumentException("use at most 64 letters, digits, _, . and - (what Sentry keeps)");
        }
        return text;
      };

  /**
   * The name of a Sentry tag, as a {@code contextTag} becomes one: letters, digits, {@code _ . : -},
   * 200 at most. Sentry drops a tag with any other name, so a key it would drop is an error at start.
   */
  static final OptionType<String> TAG_NAME =
      text -> {
        if (text.length() > 200
            || !text.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-')) {
          throw new IllegalArgumentException(
              "a Sentry tag name has at most 200 letters, digits, _, ., : and -");
        }
        return text;
      };

  /**
   * The start of a class name, {@code com.example} or {@code com.example.Main}, as the SDK compares
   * them (a plain prefix); a wildcard or a space would never match a frame, silently.
   */
  static final OptionType<String> PACKAGE_PREFIX =
      text -> {
        if (!text.chars().allMatch(c -> c == '.' || Character.isJavaIdentifierPart(c)) || text.startsWith(".")) {
          throw new IllegalArgumentException("use a package or class name prefix such as com.example (no wildcards)");
        }
        return text;
      };

  /**
   * The host of an HTTP proxy: a name or an address, alone. A URL ({@code http://proxy:3128}) or a
   * {@code host:port} is the most likely slip, and the port has an element of its own.
   */
  static final OptionType<String> PROXY_HOST =
      text -> {
        long colons = text.chars().filter(c -> c == ':').count();
        boolean ipv6 = colons >= 2 || text.startsWith("[");
        if (text.contains("://") || text.contains("/") || text.contains("@")
            || text.chars().anyMatch(Character::isWhitespace) || (colons == 1 && !ipv6)) {
          throw new IllegalArgumentException("write the host name or address alone, without scheme, port or path");
        }
        return text;
      };

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
