package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.OptionBinder;
import io.github.panicwatch.core.scrub.KeyRule;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.ValueRule;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;

/**
 * The {@code <Scrub>} element inside {@code <Panicwatch>}: the scrubbing rules of the README's
 * "Scrubbing" section, as attributes and {@code <KeyRule>}/{@code <ValueRule>} elements. Builds the
 * core's {@link ScrubOptions}; every default is the core's, and the core validates (a bad pattern
 * is a status error at start-up).
 */
@Plugin(name = "Scrub", category = Node.CATEGORY, printObject = true)
public final class ScrubElement {
  private ScrubElement() {}

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Attributes left out keep the core's defaults: a field stays null unless configured. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<ScrubOptions> {
    @PluginBuilderAttribute private String keyPattern;
    @PluginBuilderAttribute private String key;
    @PluginBuilderAttribute private String ipAddresses;
    @PluginBuilderAttribute private String replacement;
    @PluginBuilderAttribute private String disable;
    @PluginBuilderAttribute(sensitive = true) private String hashKey;

    /** {@code <KeyRule …/>} elements. */
    @PluginElement("KeyRule") private KeyRule[] keyRules;

    /** {@code <ValueRule …/>} elements. */
    @PluginElement("ValueRule") private ValueRule[] valueRules;

    /** A regular expression replacing the default key list; default unset. */
    public Builder setKeyPattern(String keyPattern) {
      this.keyPattern = keyPattern;
      return this;
    }

    /** Key fragments added to the defaults, comma-separated (Logback: repeated {@code <key>}). */
    public Builder setKey(String key) {
      this.key = key;
      return this;
    }

    /** Whether IP addresses are replaced, {@code true} or {@code false}; default true. */
    public Builder setIpAddresses(String ipAddresses) {
      this.ipAddresses = ipAddresses;
      return this;
    }

    /** Text in place of a scrubbed value, or {@code mask}, {@code remove}, {@code hash}; default {@code [Filtered]}. */
    public Builder setReplacement(String replacement) {
      this.replacement = replacement;
      return this;
    }

    /** Built-in rules switched off by name, comma-separated; default none. */
    public Builder setDisable(String disable) {
      this.disable = disable;
      return this;
    }

    /** The HMAC key of the {@code hash} replacement, 16 characters or more; default unset. */
    public Builder setHashKey(String hashKey) {
      this.hashKey = hashKey;
      return this;
    }

    @Override
    public ScrubOptions build() {
      ScrubOptions scrub =
          new AttributeBinding<>(OptionBinder.SCRUB, new ScrubOptions())
              .set("keyPattern", keyPattern)
              .set("key", key)
              .set("ipAddresses", ipAddresses)
              .set("replacement", replacement)
              .set("disable", disable)
              .set("hashKey", hashKey)
              .bind("");
      if (keyRules != null) {
        for (KeyRule rule : keyRules) {
          scrub.addKeyRule(rule);
        }
      }
      if (valueRules != null) {
        for (ValueRule rule : valueRules) {
          scrub.addValueRule(rule);
        }
      }
      return scrub;
    }
  }
}
