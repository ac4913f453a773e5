package io.github.panicwatch.core.config;

import io.github.panicwatch.core.option.Option;
import io.github.panicwatch.core.option.OptionTable;
import io.github.panicwatch.core.option.OptionTypes;
import io.github.panicwatch.core.scrub.KeyRule;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.ValueRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table of option names for each configuration bean: the appender's options (declared in
 * {@link PanicwatchOptions}) with its nested {@code <tag>}, {@code <scrub>} and {@code <proxy>},
 * and the options of those, declared here. Every frontend binds through these tables: Logback's setters are checked
 * against them, Log4j2's attributes and elements and the watcher's files and flags are bound by
 * them, so all three know the same names and parse the same way.
 */
public final class OptionTables {
  private OptionTables() {}

  /** {@code <tag>}: {@code name}, {@code value}. */
  public static final OptionTable<Tag> TAG =
      new OptionTable<>("tag.", Tag.class, Tag::new)
          .option(text("name", "The tag's name"), Tag::setName, tag -> listOf(tag.getName()))
          .option(text("value", "The tag's value"), Tag::setValue, tag -> listOf(tag.getValue()));

  /** {@code <keyRule>} inside {@code <scrub>}. */
  public static final OptionTable<KeyRule> KEY_RULE =
      new OptionTable<>("scrub.keyRule.", KeyRule.class, KeyRule::new)
          .option(text("name", "The rule's name, for status messages"), KeyRule::setName, rule -> listOf(rule.getName()))
          .option(
              text("key", "A key fragment whose values the rule replaces").repeatable(),
              KeyRule::addKey,
              KeyRule::getKeys)
          .option(text("pattern", "A regular expression found in a key"), KeyRule::setPattern, rule -> listOf(rule.getPattern()))
          .option(
              text("replacement", "mask, remove, hash or a text"),
              KeyRule::setReplacement,
              rule -> listOf(rule.getReplacement()));

  /** {@code <valueRule>} inside {@code <scrub>}. */
  public static final OptionTable<ValueRule> VALUE_RULE =
      new OptionTable<>("scrub.valueRule.", ValueRule.class, ValueRule::new)
          .option(text("name", "A built-in rule's name, or any"), ValueRule::setName, rule -> listOf(rule.getName()))
          .option(text("pattern", "The expression whose matches go"), ValueRule::setPattern, rule -> listOf(rule.getPattern()))
          .option(
              text("replacement", "mask, remove, hash or a text"),
              ValueRule::setReplacement,
              rule -> listOf(rule.getReplacement()));

  /** {@code <scrub>}: the scrubbing rules. */
  public static final OptionTable<ScrubOptions> SCRUB =
      new OptionTable<>("scrub.", ScrubOptions.class, ScrubOptions::new)
          .option(
              text("keyPattern", "A regular expression replacing the default key list"),
              ScrubOptions::setKeyPattern,
              scrub -> listOf(scrub.getKeyPattern()))
          .option(text("key", "A key fragment added to the defaults").repeatable(), ScrubOptions::addKey, ScrubOptions::getKeys)
          .option(
              Option.of("ipAddresses", OptionTypes.BOOLEAN, "true", "Whether IP addresses are replaced"),
              ScrubOptions::setIpAddresses,
              scrub -> listOf(scrub.getIpAddresses()))
          .option(
              Option.of("replacement", OptionTypes.TEXT, ScrubOptions.DEFAULT_REPLACEMENT, "What a scrubbed value becomes"),
              ScrubOptions::setReplacement,
              scrub -> listOf(scrub.getReplacement()))
          .option(
              text("disable", "Built-in rules switched off by name").repeatable(),
              ScrubOptions::addDisable,
              ScrubOptions::getDisabled)
          .option(
              text("hashKey", "The HMAC key of the hash replacement, 16 characters or more").sensitive(),
              ScrubOptions::setHashKey,
              scrub -> listOf(scrub.getHashKey()))
          .element("keyRule", KEY_RULE, ScrubOptions::addKeyRule, ScrubOptions::getKeyRules, true)
          .element("valueRule", VALUE_RULE, ScrubOptions::addValueRule, ScrubOptions::getValueRules, true);

  /** {@code <proxy>}: the HTTP proxy delivery goes through, sentry-logback's four elements (issue 15). */
  public static final OptionTable<ProxyOptions> PROXY =
      new OptionTable<>("proxy.", ProxyOptions.class, ProxyOptions::new)
          .option(
              Option.of("host", ValueTypes.PROXY_HOST, null, "The proxy's host name or address"),
              ProxyOptions::setHost,
              proxy -> listOf(proxy.getHost()))
          .option(
              Option.of("port", OptionTypes.ints(1, 65_535), null, "The proxy's port"),
              ProxyOptions::setPort,
              proxy -> listOf(proxy.getPort()))
          .option(text("user", "The user name the proxy asks for"), ProxyOptions::setUser, proxy -> listOf(proxy.getUser()))
          .option(
              text("pass", "The password the proxy asks for").sensitive(),
              ProxyOptions::setPass,
              proxy -> listOf(proxy.getPass()));

  /** The appender's options, every one of {@link PanicwatchOptions#declared()}, then its elements. */
  public static final OptionTable<PanicwatchOptions> APPENDER = appender();

  private static OptionTable<PanicwatchOptions> appender() {
    OptionTable<PanicwatchOptions> table = new OptionTable<>("", PanicwatchOptions.class, PanicwatchOptions::new);
    for (Option<?> option : PanicwatchOptions.declared()) {
      table.option(option, (options, text) -> options.set(option, text), options -> options.texts(option));
    }
    return table
        .element("tag", TAG, PanicwatchOptions::addTag, PanicwatchOptions::configuredTags, true)
        .element("scrub", SCRUB, PanicwatchOptions::setScrub, options -> List.of(options.scrub()), false)
        .element("proxy", PROXY, PanicwatchOptions::setProxy, options -> listOf(options.proxy()), false);
  }

  private static Option<String> text(String name, String doc) {
    return Option.of(name, OptionTypes.TEXT, null, doc);
  }

  /** {@code value} alone, or nothing when it is {@code null}. */
  private static <T> List<T> listOf(T value) {
    List<T> values = new ArrayList<>(1);
    if (value != null) {
      values.add(value);
    }
    return values;
  }
}
