package io.github.panicwatch.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.OptionBinder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.junit.jupiter.api.Test;

/**
 * The plugin builders' attributes and elements are what Log4j2 binds from {@code log4j2.xml}: each
 * must be an option of the core's table, and each option of the table must be an attribute or an
 * element here, so Log4j2 users get every option Logback users get.
 */
class PanicAppenderOptionNamesTest {

  @Test
  void everyAttributeAndElementOfPanicwatchIsAnOptionOfTheCoreTableAndEveryOptionIsOne() {
    assertThat(builderNames(PanicAppender.Builder.class)).isEqualTo(OptionBinder.APPENDER.names());
  }

  @Test
  void scrubAndItsRulesHaveEveryScrubOptionOfTheCoreTable() {
    assertThat(builderNames(ScrubElement.Builder.class)).isEqualTo(OptionBinder.SCRUB.names());
    assertThat(builderNames(KeyRuleElement.Builder.class)).isEqualTo(OptionBinder.KEY_RULE.names());
    assertThat(builderNames(ValueRuleElement.Builder.class)).isEqualTo(OptionBinder.VALUE_RULE.names());
  }

  @Test
  void tagHasTheAttributesOfTheCoreTable() {
    Method factory =
        Arrays.stream(TagElement.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(PluginFactory.class)).findFirst().orElseThrow();
    Set<String> names = new HashSet<>();
    for (Parameter parameter : factory.getParameters()) {
      names.add(parameter.getAnnotation(PluginAttribute.class).value());
    }
    assertThat(names).isEqualTo(OptionBinder.TAG.names());
  }

  @Test
  void elementNamesAreThePluginNamesOfTheElementClasses() {
    assertThat(pluginName(TagElement.class)).isEqualTo("Tag");
    assertThat(pluginName(ScrubElement.class)).isEqualTo("Scrub");
    assertThat(pluginName(KeyRuleElement.class)).isEqualTo("KeyRule");
    assertThat(pluginName(ValueRuleElement.class)).isEqualTo("ValueRule");
  }

  /** Attribute names (as Log4j2 reads them) and element names, in the core's spelling. */
  private static Set<String> builderNames(Class<?> builder) {
    Set<String> names = new HashSet<>();
    for (Field field : builder.getDeclaredFields()) {
      PluginBuilderAttribute attribute = field.getAnnotation(PluginBuilderAttribute.class);
      if (attribute != null) {
        names.add(attribute.value().isEmpty() ? field.getName() : attribute.value());
      }
      PluginElement element = field.getAnnotation(PluginElement.class);
      if (element != null) {
        names.add(Character.toLowerCase(element.value().charAt(0)) + element.value().substring(1));
      }
    }
    return names;
  }

  private static String pluginName(Class<?> type) {
    return type.getAnnotation(Plugin.class).name();
  }
}
