package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.scrub.ScrubOptions;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The {@code <Scrub>} element inside {@code <Panicwatch>}: the scrubbing rules of the README's
 * "Scrubbing" section, as attributes. Builds the core's {@link ScrubOptions}; every default is the
 * core's, and the core validates (a bad pattern is a status error at start-up).
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
    @PluginBuilderAttribute private Boolean ipAddresses;
    @PluginBuilderAttribute private String replacement;

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

    /** Whether IP addresses are replaced; default true. */
    public Builder setIpAddresses(Boolean ipAddresses) {
      this.ipAddresses = ipAddresses;
      return this;
    }

    /** Text in place of a scrubbed value; default {@code [Filtered]}. */
    public Builder setReplacement(String replacement) {
      this.replacement = replacement;
      return this;
    }

    @Override
    public ScrubOptions build() {
      ScrubOptions scrub = new ScrubOptions();
      if (keyPattern != null) {
        scrub.setKeyPattern(keyPattern);
      }
      for (String fragment : PanicAppender.commaSeparated(key)) {
        scrub.addKey(fragment);
      }
      if (ipAddresses != null) {
        scrub.setIpAddresses(ipAddresses);
      }
      if (replacement != null) {
        scrub.setReplacement(replacement);
      }
      return scrub;
    }
  }
}
