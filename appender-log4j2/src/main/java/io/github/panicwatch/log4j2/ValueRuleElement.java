package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.OptionBinder;
import io.github.panicwatch.core.scrub.ValueRule;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The {@code <ValueRule name="ticket" pattern="TICKET-\d{4}" replacement="remove"/>} element inside
 * {@code <Scrub>}: Logback's {@code <valueRule>}, repeatable; without a pattern, a built-in rule's
 * name changes that rule's replacement. Builds the core's {@link ValueRule}.
 */
@Plugin(name = "ValueRule", category = Node.CATEGORY, printObject = true)
public final class ValueRuleElement {
  private ValueRuleElement() {}

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Attributes left out keep the core's defaults. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<ValueRule> {
    @PluginBuilderAttribute private String name;
    @PluginBuilderAttribute private String pattern;
    @PluginBuilderAttribute private String replacement;

    /** A built-in rule's name ({@code email}, {@code ip}, ...) to change it, else any; default unset. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /** The expression (Java syntax); only a group named {@code secret} goes, if any; default unset. */
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
    public ValueRule build() {
      return new AttributeBinding<>(OptionBinder.VALUE_RULE, new ValueRule())
          .set("name", name)
          .set("pattern", pattern)
          .set("replacement", replacement)
          .bind("");
    }
  }
}
