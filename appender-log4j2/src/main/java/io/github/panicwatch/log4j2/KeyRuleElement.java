package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.OptionBinder;
import io.github.panicwatch.core.scrub.KeyRule;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The {@code <KeyRule name="customer" key="customer, acct" pattern="^acct$" replacement="hash"/>}
 * element inside {@code <Scrub>}: Logback's {@code <keyRule>}, repeatable. Builds the core's
 * {@link KeyRule}; the core validates it with the rest of the scrub rules.
 */
@Plugin(name = "KeyRule", category = Node.CATEGORY, printObject = true)
public final class KeyRuleElement {
  private KeyRuleElement() {}

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Attributes left out keep the core's defaults. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<KeyRule> {
    @PluginBuilderAttribute private String name;
    @PluginBuilderAttribute private String key;
    @PluginBuilderAttribute private String pattern;
    @PluginBuilderAttribute private String replacement;

    /** The rule's name, for status messages; {@code keys} with no key or pattern adjusts the default keys. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /** Key fragments, comma-separated (Logback: repeated {@code <key>}); default none. */
    public Builder setKey(String key) {
      this.key = key;
      return this;
    }

    /** A regular expression found in a key, ignoring case; default unset. */
    public Builder setPattern(String pattern) {
      this.pattern = pattern;
      return this;
    }

    /** {@code mask}, {@code remove}, {@code hash} or a text; default the {@code <Scrub>} replacement. */
    public Builder setReplacement(String replacement) {
      this.replacement = replacement;
      return this;
    }

    @Override
    public KeyRule build() {
      return new AttributeBinding<>(OptionBinder.KEY_RULE, new KeyRule())
          .set("name", name)
          .set("key", key)
          .set("pattern", pattern)
          .set("replacement", replacement)
          .bind("");
    }
  }
}
