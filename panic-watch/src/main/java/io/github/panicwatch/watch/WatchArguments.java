package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.OptionTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The watcher's command line: {@code [flags] -- command [args…]}. Flags are {@code --config FILE}
 * ({@code logback.xml} or {@code log4j2.xml}),
 * {@code --appender NAME}, {@code --panicHeader REGEX} (repeatable), {@code --stopTimeoutMillis N},
 * {@code --cgroup DIR}, {@code --verbose}, and any appender option by its element name ({@code --dsn URL},
 * {@code --enableSentry false}, {@code --tag name=value}, …), which overrides the file. Both
 * {@code --name value} and {@code --name=value} work.
 *
 * @param overrides appender options given as flags, in order, applied after the file
 * @param cgroup the folder of the cgroup's memory files, {@code null} for the watcher's own cgroup
 */
record WatchArguments(
    Path config,
    String appenderName,
    List<Map.Entry<String, String>> overrides,
    List<Pattern> panicHeaders,
    long stopTimeoutMillis,
    Path cgroup,
    boolean verbose,
    List<String> command) {

  /** Go's panicwrap looks for these: a Go panic and a fatal runtime error. */
  static final List<Pattern> DEFAULT_PANIC_HEADERS =
      List.of(Pattern.compile("^panic: "), Pattern.compile("^fatal error: "));

  /** How long a stopping child gets between SIGTERM and SIGKILL; Docker's default grace period. */
  static final long DEFAULT_STOP_TIMEOUT_MILLIS = 10_000;

  static final String USAGE =
      "usage: java -jar panic-watch.jar [--config logback.xml|log4j2.xml] [--appender NAME] [--OPTION VALUE]..."
          + " [--tag name=value]... [--panicHeader REGEX]... [--stopTimeoutMillis N] [--cgroup DIR] [--verbose]"
          + " -- command [args...]";

  /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
  static WatchArguments parse(String[] args) {
    Path config = null;
    String appenderName = null;
    List<Map.Entry<String, String>> overrides = new ArrayList<>();
    List<Pattern> headers = new ArrayList<>();
    long stopTimeout = DEFAULT_STOP_TIMEOUT_MILLIS;
    Path cgroup = null;
    boolean verbose = false;
    int i = 0;
    while (i < args.length && !args[i].equals("--")) {
      String arg = args[i++];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected [" + arg + "]: put the command after --");
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (name.equals("verbose")) {
        verbose = true;
        continue;
      }
      if (value == null) {
        if (i >= args.length || args[i].equals("--")) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[i++];
      }
      switch (name) {
        case "config" -> config = Path.of(value);
        case "appender" -> appenderName = value;
        case "panicHeader" -> headers.add(compile(value));
        case "stopTimeoutMillis" -> stopTimeout = parseMillis(name, value);
        case "cgroup" -> cgroup = folder(name, value);
        case "tag" -> overrides.add(Map.entry("tag", value));
        default -> {
          if (!OptionTables.APPENDER.valueNames().contains(name)) {
            throw new IllegalArgumentException("Unknown flag [--" + name + "]");
          }
          overrides.add(Map.entry(name, value));
        }
      }
    }
    if (i >= args.length - 1) {
      throw new IllegalArgumentException("No command to run: put it after --");
    }
    List<String> command = List.of(args).subList(i + 1, args.length);
    return new WatchArguments(
        config,
        appenderName,
        List.copyOf(overrides),
        headers.isEmpty() ? DEFAULT_PANIC_HEADERS : List.copyOf(headers),
        stopTimeout,
        cgroup,
        verbose,
        List.copyOf(command));
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Invalid --panicHeader [" + regex + "]: " + e.getDescription());
    }
  }

  private static Path folder(String name, String value) {
    try {
      return Path.of(value).toAbsolutePath();
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("Invalid --" + name + " [" + value + "]: " + e.getReason());
    }
  }

  private static long parseMillis(String name, String value) {
    try {
      long millis = Long.parseLong(value.trim());
      if (millis >= 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid --" + name + " [" + value + "]: milliseconds, 0 or more");
  }
}
