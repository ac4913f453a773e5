package io.github.panicwatch.core.config;

import io.github.panicwatch.core.scrub.KeyRule;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.ValueRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one table of option names: what users write (Logback elements, Log4j2 attributes and
 * elements, the watcher's flags and the files it reads) mapped to the setters of {@link
 * PanicwatchOptions}, {@link Tag}, {@link ScrubOptions}, {@link KeyRule} and {@link ValueRule}.
 * Each bean has a table of text options and of nested elements ({@code tag}, {@code scrub}, {@code
 * keyRule}, {@code valueRule}). Binding text never throws: a value that does not parse, or an
 * unknown name, comes back as a {@link ConfigProblem} and the option keeps its value. Whether the
 * values make sense is {@code validate()}'s business, as with any other way of setting them.
 *
 * @param <T> the bean this table sets
 */
public final class OptionBinder<T> {
  /** A nested element: a bean of its own, filled through its table, then attached to its parent. */
  public record Nested<P, C>(OptionBinder<C> binder, Supplier<C> create, BiConsumer<P, C> attach) {}

  /** {@code <tag>}: {@code name}, {@code value}. */
  public static final OptionBinder<Tag> TAG =
      new OptionBinder<Tag>("tag.").value("name", Tag::setName).value("value", Tag::setValue);

  /** {@code <keyRule>} inside {@code <scrub>}. */
  public static final OptionBinder<KeyRule> KEY_RULE =
      new OptionBinder<KeyRule>("scrub.keyRule.")
          .value("name", KeyRule::setName)
          .repeatable("key", KeyRule::addKey)
          .value("pattern", KeyRule::setPattern)
          .value("replacement", KeyRule::setReplacement);

  /** {@code <valueRule>} inside {@code <scrub>}. */
  public static final OptionBinder<ValueRule> VALUE_RULE =
      new OptionBinder<ValueRule>("scrub.valueRule.")
          .value("name", ValueRule::setName)
          .value("pattern", ValueRule::setPattern)
          .value("replacement", ValueRule::setReplacement);

  /** {@code <scrub>}: the scrubbing rules. */
  public static final OptionBinder<ScrubOptions> SCRUB =
      new OptionBinder<ScrubOptions>("scrub.")
          .value("keyPattern", ScrubOptions::setKeyPattern)
          .repeatable("key", ScrubOptions::addKey)
          .value("ipAddresses", (s, v) -> s.setIpAddresses(parseBoolean(v)))
          .value("replacement", ScrubOptions::setReplacement)
          .repeatable("disable", ScrubOptions::addDisable)
          .value("hashKey", ScrubOptions::setHashKey)
          .element("keyRule", KEY_RULE, KeyRule::new, ScrubOptions::addKeyRule, true)
          .element("valueRule", VALUE_RULE, ValueRule::new, ScrubOptions::addValueRule, true);

  /** The appender's options, every one of {@link PanicwatchOptions}. */
  public static final OptionBinder<PanicwatchOptions> APPENDER =
      new OptionBinder<PanicwatchOptions>("")
          .value("dsn", PanicwatchOptions::setDsn)
          .value("outbox", PanicwatchOptions::setOutbox)
          .value("release", PanicwatchOptions::setRelease)
          .value("environment", PanicwatchOptions::setEnvironment)
          .value("edition", PanicwatchOptions::setEdition)
          .element("tag", TAG, Tag::new, PanicwatchOptions::addTag, true)
          .value("maxBreadcrumbs", (o, v) -> o.setMaxBreadcrumbs(parseInt(v)))
          .value("minimumBreadcrumbLevel", PanicwatchOptions::setMinimumBreadcrumbLevel)
          .value("minimumEventLevel", PanicwatchOptions::setMinimumEventLevel)
          .repeatable("panicMarker", PanicwatchOptions::addPanicMarker)
          .value("enableSentry", PanicwatchOptions::setEnableSentry)
          .value("captureUncaught", (o, v) -> o.setCaptureUncaught(parseBoolean(v)))
          .value("flushTimeoutMillis", (o, v) -> o.setFlushTimeoutMillis(parseLong(v)))
          .value("eagerFormatting", (o, v) -> o.setEagerFormatting(parseBoolean(v)))
          .element("scrub", SCRUB, ScrubOptions::new, PanicwatchOptions::setScrub, false)
          .value("cacheDirPath", PanicwatchOptions::setCacheDirPath)
          .value("maxSpooledEvents", (o, v) -> o.setMaxSpooledEvents(parseInt(v)))
          .value("maxEventsPerFingerprint", (o, v) -> o.setMaxEventsPerFingerprint(parseInt(v)))
          .value("fingerprintWindow", PanicwatchOptions::setFingerprintWindow)
          .value("connectionTimeoutMillis", (o, v) -> o.setConnectionTimeoutMillis(parseInt(v)))
          .value("readTimeoutMillis", (o, v) -> o.setReadTimeoutMillis(parseInt(v)));

  private final String prefix;
  private final Map<String, BiConsumer<T, String>> values = new LinkedHashMap<>();
  private final Map<String, Nested<T, ?>> elements = new LinkedHashMap<>();
  private final Set<String> repeatable = new LinkedHashSet<>();

  private OptionBinder(String prefix) {
    this.prefix = prefix;
  }

  /** Names of the options written as text, in table order. */
  public Set<String> valueNames() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /** Names of the nested elements, in table order. */
  public Set<String> elementNames() {
    return Collections.unmodifiableSet(elements.keySet());
  }

  /** Every name of this table: text options, then nested elements. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>(values.keySet());
    names.addAll(elements.keySet());
    return Collections.unmodifiableSet(names);
  }

  /** True for an option that may be given more than once (each adds). */
  public boolean isRepeatable(String name) {
    return repeatable.contains(name);
  }

  /**
   * This table's spelling of {@code name}, matched ignoring case (Log4j2 attribute and element
   * names are case-insensitive), or {@code null} when the table has no such option.
   */
  public String canonicalName(String name) {
    for (String known : names()) {
      if (known.equalsIgnoreCase(name)) {
        return known;
      }
    }
    return null;
  }

  /** The nested element {@code name}, or {@code null} when it is none (a text option, or unknown). */
  public Nested<T, ?> nested(String name) {
    return elements.get(name);
  }

  /**
   * Sets text option {@code name} to {@code value}, one value even for a repeatable option (the
   * body of one Logback element).
   *
   * @return {@code null} when set; otherwise what went wrong (the option then keeps its value)
   */
  public ConfigProblem bind(T target, String name, String value) {
    BiConsumer<T, String> setter = values.get(name);
    String option = prefix + name;
    if (setter == null) {
      return new ConfigProblem(option, "Unknown option [" + option + "]; it was ignored");
    }
    try {
      setter.accept(target, value);
      return null;
    } catch (RuntimeException e) { // never into the host: a setter's complaint becomes a problem
      return new ConfigProblem(
          option, "Invalid value [" + value + "] for " + option + ": " + e.getMessage() + "; the default is kept");
    }
  }

  /**
   * Sets text option {@code name} from an attribute: a repeatable option takes a comma-separated
   * list ({@code panicMarker="CRASH, FATAL"}), the form of repeated elements where only one
   * attribute can be written.
   *
   * @return what went wrong, empty when everything was set
   */
  public List<ConfigProblem> bindAttribute(T target, String name, String value) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> parts =
        isRepeatable(name) && value != null ? List.of(value.split(",", -1)) : Collections.singletonList(value);
    for (String part : parts) {
      ConfigProblem problem = bind(target, name, isRepeatable(name) ? part.trim() : part);
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  private OptionBinder<T> value(String name, BiConsumer<T, String> setter) {
    values.put(name, setter);
    return this;
  }

  private OptionBinder<T> repeatable(String name, BiConsumer<T, String> adder) {
    repeatable.add(name);
    return value(name, adder);
  }

  private <C> OptionBinder<T> element(
      String name, OptionBinder<C> binder, Supplier<C> create, BiConsumer<T, C> attach, boolean repeats) {
    elements.put(name, new Nested<>(binder, create, attach));
    if (repeats) {
      repeatable.add(name);
    }
    return this;
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  /** Strict, unlike {@link Boolean#parseBoolean}: a typo must not silently mean {@code false}. */
  private static boolean parseBoolean(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("use true or false");
    };
  }
}
