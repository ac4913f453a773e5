package io.github.panicwatch.core.config;

import io.github.panicwatch.core.option.OptionType;
import io.github.panicwatch.core.select.Severity;
import java.net.URI;
import java.net.URISyntaxException;

/** The value types of the appender's options beyond plain text and numbers: levels, durations, the DSN. */
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
}
