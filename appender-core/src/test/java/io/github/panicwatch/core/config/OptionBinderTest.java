package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.scrub.KeyRule;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.scrub.ValueRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OptionBinderTest {

  /** The beans' setters and adders are their configuration surface: each has a name in its table. */
  @Test
  void everySetterAndAdderOfEveryOptionBeanHasANameInItsTableAndViceVersa() {
    Map<Class<?>, OptionBinder<?>> tables =
        Map.of(
            PanicwatchOptions.class, OptionBinder.APPENDER,
            Tag.class, OptionBinder.TAG,
            ScrubOptions.class, OptionBinder.SCRUB,
            KeyRule.class, OptionBinder.KEY_RULE,
            ValueRule.class, OptionBinder.VALUE_RULE);
    tables.forEach((bean, table) -> assertThat(table.names()).as(bean.getSimpleName()).isEqualTo(configurationNames(bean)));
  }

  @Test
  void bindsEveryKindOfValueByName() {
    PanicwatchOptions options = new PanicwatchOptions();

    assertThat(OptionBinder.APPENDER.bind(options, "maxSpooledEvents", " 7 ")).isNull();
    assertThat(OptionBinder.APPENDER.bind(options, "fingerprintWindow", "30 minutes")).isNull();
    assertThat(OptionBinder.APPENDER.bind(options, "captureUncaught", "FALSE")).isNull();
    assertThat(OptionBinder.APPENDER.bindAttribute(options, "panicMarker", "CRASH, BOOM")).isEmpty();

    assertThat(options.maxSpooledEvents()).isEqualTo(7);
    assertThat(options.fingerprintWindowMillis()).isEqualTo(30 * 60_000L);
    assertThat(options.captureUncaught()).isFalse();
    assertThat(options.panicMarkers()).containsExactly("CRASH", "BOOM");
  }

  @Test
  void anUnparsableValueIsAProblemNamingTheOptionAndTheOptionKeepsItsValue() {
    PanicwatchOptions options = new PanicwatchOptions();

    ConfigProblem problem = OptionBinder.APPENDER.bind(options, "readTimeoutMillis", "soon");

    assertThat(problem)
        .isEqualTo(
            new ConfigProblem(
                "readTimeoutMillis",
                "Invalid value [soon] for readTimeoutMillis: not an integer; the default is kept"));
    assertThat(options.readTimeoutMillis()).isEqualTo(PanicwatchOptions.DEFAULT_READ_TIMEOUT_MILLIS);
  }

  @Test
  void aBooleanIsTrueOrFalseNotAnythingElseMeaningFalse() {
    ScrubOptions scrub = new ScrubOptions();

    assertThat(OptionBinder.SCRUB.bind(scrub, "ipAddresses", "ture"))
        .isEqualTo(
            new ConfigProblem(
                "scrub.ipAddresses",
                "Invalid value [ture] for scrub.ipAddresses: use true or false; the default is kept"));
    assertThat(scrub.isIpAddresses()).isTrue();
  }

  @Test
  void anUnknownNameOrAMissingValueIsAProblemNotAnException() {
    PanicwatchOptions options = new PanicwatchOptions();

    assertThat(OptionBinder.APPENDER.bind(options, "colour", "red").message())
        .isEqualTo("Unknown option [colour]; it was ignored");
    assertThat(OptionBinder.APPENDER.bindAttribute(options, "maxBreadcrumbs", null)).singleElement()
        .extracting(ConfigProblem::option).isEqualTo("maxBreadcrumbs");
  }

  @Test
  void nestedElementsAreFilledThroughTheirOwnTableAndAttachedToTheParent() {
    ScrubOptions scrub = new ScrubOptions();
    bindNested(scrub, OptionBinder.SCRUB.nested("keyRule"), Map.of("name", "customer", "key", "customer, acct"));

    assertThat(scrub.getKeyRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getName()).isEqualTo("customer");
      assertThat(rule.getKeys()).containsExactly("customer", "acct");
    });
    assertThat(OptionBinder.SCRUB.isRepeatable("keyRule")).isTrue();
    assertThat(OptionBinder.APPENDER.isRepeatable("scrub")).isFalse();
  }

  @Test
  void namesMatchIgnoringCaseAsLog4j2Writes() {
    assertThat(OptionBinder.APPENDER.canonicalName("Tag")).isEqualTo("tag");
    assertThat(OptionBinder.SCRUB.canonicalName("KEYRULE")).isEqualTo("keyRule");
    assertThat(OptionBinder.APPENDER.canonicalName("Filter")).isNull();
  }

  private static <P, C> void bindNested(P parent, OptionBinder.Nested<P, C> nested, Map<String, String> attributes) {
    C child = nested.create().get();
    attributes.forEach((name, value) -> assertThat(nested.binder().bindAttribute(child, name, value)).isEmpty());
    nested.attach().accept(parent, child);
  }

  /** {@code setDsn} → {@code dsn}, {@code addPanicMarker} → {@code panicMarker}. */
  static Set<String> configurationNames(Class<?> bean) {
    return Arrays.stream(bean.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 1)
        .map(Method::getName)
        .filter(name -> name.matches("(set|add)[A-Z].*"))
        .map(name -> Character.toLowerCase(name.charAt(3)) + name.substring(4))
        .collect(Collectors.toSet());
  }
}
