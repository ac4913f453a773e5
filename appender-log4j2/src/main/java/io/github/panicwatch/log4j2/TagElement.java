package io.github.panicwatch.log4j2;

import io.github.panicwatch.core.config.Tag;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The {@code <Tag name="service" value="alpha"/>} element inside {@code <Panicwatch>}: a tag on
 * every event; repeatable. Builds the core's {@link Tag}; a missing name or value is reported by
 * the core's validation, not here.
 */
@Plugin(name = "Tag", category = Node.CATEGORY, printObject = true)
public final class TagElement {
  private TagElement() {}

  /** Log4j2 passes an absent attribute as an empty string; the core reads null as "missing". */
  @PluginFactory
  public static Tag createTag(@PluginAttribute("name") String name, @PluginAttribute("value") String value) {
    return new Tag(emptyToNull(name), emptyToNull(value));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
