package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.Option;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The appender's public setters and adders are what Joran binds from {@code logback.xml}: each
 * must be an option or element declared in the core (so the watcher and Log4j2 know it too), each
 * declared one must have one here, and each must hand its text to its own declaration. Adding an
 * option without its setter, or with a setter wired to another option, fails here (issue 14).
 */
class PanicAppenderOptionNamesTest {

  @Test
  void everySetterAndAdderIsADeclaredOptionOrElementAndEveryOneHasOne() {
    assertThat(configurationMethods(PanicAppender.class).keySet())
        .containsExactlyInAnyOrderElementsOf(OptionTables.APPENDER.names());
  }

  @Test
  void nestedElementsBindTheBeansTheCoreTablesFill() {
    Map<String, Method> methods = configurationMethods(PanicAppender.class);
    for (String element : OptionTables.APPENDER.elementNames()) {
      assertThat(methods.get(element).getParameterTypes()[0])
          .as(element)
          .isEqualTo(OptionTables.APPENDER.nested(element).table().type());
    }
  }

  @Test
  void repeatableOptionsAreAddersAndTheOthersSetters() {
    configurationMethods(PanicAppender.class)
        .forEach((name, method) -> assertThat(method.getName())
            .as(name)
            .startsWith(OptionTables.APPENDER.isRepeatable(name) ? "add" : "set"));
  }

  /** Issue 19: Joran converts nothing; a typo reaches the core's parsing and is an error there. */
  @Test
  void everyOptionSetterTakesTheTextAsWritten() {
    Map<String, Method> methods = configurationMethods(PanicAppender.class);
    for (Option<?> option : PanicwatchOptions.declared()) {
      assertThat(methods.get(option.name()).getParameterTypes()).as(option.name()).containsExactly(String.class);
    }
  }

  @Test
  void eachSetterStoresItsTextUnderItsOwnDeclaration() throws Exception {
    Map<String, Method> methods = configurationMethods(PanicAppender.class);
    for (Option<?> option : PanicwatchOptions.declared()) {
      PanicAppender appender = new PanicAppender();
      methods.get(option.name()).invoke(appender, "text for " + option.name());
      for (Option<?> other : PanicwatchOptions.declared()) {
        assertThat(appender.getOptions().texts(other))
            .as(option.name() + " set, " + other.name() + " read")
            .isEqualTo(other == option ? java.util.List.of("text for " + option.name()) : java.util.List.of());
      }
    }
  }

  /** Public setters and adders the class itself declares (not Logback's name, context, ...). */
  private static Map<String, Method> configurationMethods(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1)
        .filter(m -> m.getName().matches("(set|add)[A-Z].*"))
        .collect(Collectors.toMap(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m -> m));
  }
}
