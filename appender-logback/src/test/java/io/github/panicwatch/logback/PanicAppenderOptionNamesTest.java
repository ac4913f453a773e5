package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.OptionBinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The appender's public setters and adders are what Joran binds from {@code logback.xml}: each
 * must be an option of the core's table (so the watcher and Log4j2 know it too), and each option
 * of the table must be a setter or adder here.
 */
class PanicAppenderOptionNamesTest {

  @Test
  void everySetterAndAdderIsAnOptionOfTheCoreTableAndEveryOptionHasOne() {
    assertThat(configurationMethods(PanicAppender.class).keySet())
        .containsExactlyInAnyOrderElementsOf(OptionBinder.APPENDER.names());
  }

  @Test
  void nestedElementsBindTheBeansTheCoreTablesFill() {
    Map<String, Method> methods = configurationMethods(PanicAppender.class);
    for (String element : OptionBinder.APPENDER.elementNames()) {
      Object bean = OptionBinder.APPENDER.nested(element).create().get();
      assertThat(methods.get(element).getParameterTypes()[0]).as(element).isEqualTo(bean.getClass());
    }
  }

  @Test
  void repeatableOptionsAreAddersAndTheOthersSetters() {
    configurationMethods(PanicAppender.class)
        .forEach((name, method) -> assertThat(method.getName())
            .as(name)
            .startsWith(OptionBinder.APPENDER.isRepeatable(name) ? "add" : "set"));
  }

  /** Public setters and adders the class itself declares (not Logback's name, context, ...). */
  private static Map<String, Method> configurationMethods(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1)
        .filter(m -> m.getName().matches("(set|add)[A-Z].*"))
        .collect(Collectors.toMap(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m -> m));
  }
}
