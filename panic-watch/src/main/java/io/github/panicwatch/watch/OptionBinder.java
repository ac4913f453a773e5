package io.github.panicwatch.watch;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.scrub.ScrubOptions;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Sets {@link PanicwatchOptions} by option name from text, the way the appender's setters are bound
 * from {@code logback.xml} elements: one table from the names users write to the core's setters.
 * Names are those of the appender's elements (and of a Log4j2 {@code <Panicwatch>} element's
 * attributes, which use the same names), so any configuration syntax can be mapped through it.
 */
final class OptionBinder {
  private static final Map<String, BiConsumer<PanicwatchOptions, String>> OPTIONS =
      Map.ofEntries(
          Map.entry("dsn", PanicwatchOptions::setDsn),
          Map.entry("outbox", PanicwatchOptions::setOutbox),
          Map.entry("release", PanicwatchOptions::setRelease),
          Map.entry("environment", PanicwatchOptions::setEnvironment),
          Map.entry("edition", PanicwatchOptions::setEdition),
          Map.entry("maxBreadcrumbs", (o, v) -> o.setMaxBreadcrumbs(parseInt(v))),
          Map.entry("minimumBreadcrumbLevel", PanicwatchOptions::setMinimumBreadcrumbLevel),
          Map.entry("minimumEventLevel", PanicwatchOptions::setMinimumEventLevel),
          Map.entry("panicMarker", PanicwatchOptions::addPanicMarker),
          Map.entry("enableSentry", PanicwatchOptions::setEnableSentry),
          Map.entry("captureUncaught", (o, v) -> o.setCaptureUncaught(parseBoolean(v))),
          Map.entry("flushTimeoutMillis", (o, v) -> o.setFlushTimeoutMillis(parseLong(v))),
          Map.entry("eagerFormatting", (o, v) -> o.setEagerFormatting(parseBoolean(v))));

  private static final Map<String, BiConsumer<ScrubOptions, String>> SCRUB_OPTIONS =
      Map.of(
          "key", ScrubOptions::addKey,
          "keyPattern", ScrubOptions::setKeyPattern,
          "ipAddresses", (s, v) -> s.setIpAddresses(parseBoolean(v)),
          "replacement", ScrubOptions::setReplacement);

  private OptionBinder() {}

  /** True for a name {@link #bind} knows; {@code tag} and {@code scrub} are nested, not listed. */
  static boolean isOption(String name) {
    return OPTIONS.containsKey(name);
  }

  /**
   * Sets option {@code name} to {@code value}.
   *
   * @return {@code null} when set; otherwise why not (the option then keeps its value)
   */
  static String bind(PanicwatchOptions options, String name, String value) {
    return apply(OPTIONS.get(name), options, name, value);
  }

  /** Sets one option of the {@code <scrub>} element; returns why not, or {@code null}. */
  static String bindScrub(ScrubOptions scrub, String name, String value) {
    return apply(SCRUB_OPTIONS.get(name), scrub, "scrub." + name, value);
  }

  /** Adds the tag {@code name}={@code value}; the core reports a missing name or value. */
  static void addTag(PanicwatchOptions options, String name, String value) {
    options.addTag(new Tag(name, value));
  }

  private static <T> String apply(BiConsumer<T, String> setter, T target, String name, String value) {
    if (setter == null) {
      return "Unknown option [" + name + "]; it was ignored";
    }
    try {
      setter.accept(target, value);
      return null;
    } catch (IllegalArgumentException e) {
      return "Invalid value [" + value + "] for " + name + ": " + e.getMessage() + "; the default is kept";
    }
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static boolean parseBoolean(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("use true or false");
    };
  }
}
