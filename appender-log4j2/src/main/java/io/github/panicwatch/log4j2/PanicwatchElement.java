package io.github.panicwatch.log4j2;

import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAliases;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The elements nested in {@code <Panicwatch>}: {@code <Tag name=… value=…/>} (repeatable), {@code
 * <Scrub …>} and, inside it, {@code <KeyRule …/>} and {@code <ValueRule …/>} (repeatable), and
 * {@code <Proxy host=… port=… user=… pass=…/>}: the Logback appender's {@code <tag>}, {@code
 * <scrub>}, {@code <keyRule>}, {@code <valueRule>} and {@code <proxy>}. One plugin under five names, since each only binds its node into the core bean its name selects
 * ({@link NodeOptions}); the core validates them with the appender.
 */
@Plugin(name = "Tag", category = Node.CATEGORY, printObject = true)
@PluginAliases({"Scrub", "KeyRule", "ValueRule", "Proxy"})
public final class PanicwatchElement {
  private PanicwatchElement() {}

  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Builds the core bean of the element: a {@code Tag}, {@code ScrubOptions}, {@code KeyRule},
   * {@code ValueRule} or {@code ProxyOptions}.
   */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<Object> {
    @NodeOptions(element = true)
    private Object bean;

    @Override
    public Object build() {
      return bean;
    }
  }
}
