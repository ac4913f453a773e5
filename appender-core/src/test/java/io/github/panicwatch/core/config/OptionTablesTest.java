package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.Option;
import io.github.panicwatch.core.option.OptionTable;
import io.github.panicwatch.core.option.UnresolvedVariables;
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

class OptionTablesTest {

  /** The nested beans' setters and adders are their configuration surface: each has a name in its table. */
  @Test
  void everySetterAndAdderOfEveryNestedBeanHasANameInItsTableAndViceVersa() {
    Map<Class<?>, OptionTable<?>> tables =
        Map.of(
            Tag.class, OptionTables.TAG,
            ScrubOptions.class, OptionTables.SCRUB,
            KeyRule.class, OptionTables.KEY_RULE,
            ValueRule.class, OptionTables.VALUE_RULE,
            ProxyOptions.class, OptionTables.PROXY);
    tables.forEach((bean, table) -> assertThat(table.names()).as(bean.getSimpleName()).isEqualTo(configurationNames(bean)));
  }

  @Test
  void theAppendersTableIsEveryDeclaredOptionAndItsThreeElements() {
    assertThat(OptionTables.APPENDER.options()).containsExactlyElementsOf(PanicwatchOptions.declared());
    assertThat(OptionTables.APPENDER.elementNames()).isEqualTo(configurationNames(PanicwatchOptions.class));
    assertThat(OptionTables.APPENDER.elementNames()).containsExactly("tag", "scrub", "proxy");
  }

  @Test
  void everyDeclaredDefaultIsAValueOfItsOwnTypeAndTheDefaultsAreValid() {
    for (Option<?> option : PanicwatchOptions.declared()) {
      assertThat(option.defaults()).as(option.name()).hasSize(option.defaultText() == null ? 0 : option.isRepeatable() ? 2 : 1);
      assertThat(option.documentedDefault()).as(option.name()).isNotBlank();
    }
    assertThat(OptionTables.APPENDER.check(new PanicwatchOptions(), UnresolvedVariables.NONE)).isEmpty();
  }

  @Test
  void bindsEveryKindOfValueByName() {
    PanicwatchOptions options = new PanicwatchOptions();

    assertThat(OptionTables.APPENDER.bind(options, "maxSpooledEvents", " 7 ")).isNull();
    assertThat(OptionTables.APPENDER.bind(options, "fingerprintWindow", "30 minutes")).isNull();
    assertThat(OptionTables.APPENDER.bind(options, "captureUncaught", "FALSE")).isNull();
    assertThat(OptionTables.APPENDER.bindAttribute(options, "panicMarker", "CRASH, BOOM")).isEmpty();

    assertThat(OptionTables.APPENDER.check(options, UnresolvedVariables.NONE)).isEmpty();
    assertThat(options.maxSpooledEvents()).isEqualTo(7);
    assertThat(options.fingerprintWindowMillis()).isEqualTo(30 * 60_000L);
    assertThat(options.captureUncaught()).isFalse();
    assertThat(options.panicMarkers()).containsExactly("CRASH", "BOOM");
  }

  @Test
  void anUnparsableValueIsAProblemNamingTheOptionAndTheValue() {
    PanicwatchOptions options = new PanicwatchOptions();

    assertThat(OptionTables.APPENDER.bind(options, "readTimeoutMillis", "soon")).isNull(); // binding only stores

    assertThat(OptionTables.APPENDER.check(options, UnresolvedVariables.NONE))
        .containsExactly(new ConfigProblem("readTimeoutMillis", "Invalid readTimeoutMillis [soon]: not an integer"));
  }

  @Test
  void aNumberTooLargeForItsTypeIsOutOfRangeNotWrappedAround() {
    PanicwatchOptions options = new PanicwatchOptions();
    OptionTables.APPENDER.bind(options, "maxBreadcrumbs", "2147483648");
    OptionTables.APPENDER.bind(options, "flushTimeoutMillis", "99999999999999999999");

    assertThat(OptionTables.APPENDER.check(options, UnresolvedVariables.NONE))
        .extracting(ConfigProblem::message)
        .containsExactly(
            "Invalid maxBreadcrumbs [2147483648]: must be 0 to 10000",
            "Invalid flushTimeoutMillis [99999999999999999999]: must be at most 9223372036854775807");
  }

  @Test
  void aBooleanIsTrueOrFalseNotAnythingElseMeaningFalse() {
    ScrubOptions scrub = new ScrubOptions();

    OptionTables.SCRUB.bind(scrub, "ipAddresses", "ture");

    assertThat(OptionTables.SCRUB.check(scrub, UnresolvedVariables.NONE))
        .containsExactly(new ConfigProblem("scrub.ipAddresses", "Invalid scrub.ipAddresses [ture]: use true or false"));
    assertThat(scrub.isIpAddresses()).isTrue();
  }

  @Test
  void anUnknownNameIsAProblemNotAnExceptionAndAnEmptyValueIsAsIfNotWritten() {
    PanicwatchOptions options = new PanicwatchOptions();

    assertThat(OptionTables.APPENDER.bind(options, "colour", "red").message())
        .isEqualTo("Unknown option [colour]; it was ignored");
    assertThat(OptionTables.APPENDER.bindAttribute(options, "maxBreadcrumbs", null)).isEmpty();
    assertThat(OptionTables.APPENDER.bindAttribute(options, "release", " ")).isEmpty();
    assertThat(OptionTables.APPENDER.bindAttribute(options, "panicMarker", "")).isEmpty();

    assertThat(options.validate(UnresolvedVariables.NONE)).extracting(ConfigProblem::option).doesNotContain("maxBreadcrumbs");
    assertThat(options.maxBreadcrumbs()).isEqualTo(PanicwatchOptions.DEFAULT_MAX_BREADCRUMBS);
    assertThat(options.release()).isNull();
    assertThat(options.panicMarkers()).isEqualTo(PanicwatchOptions.DEFAULT_PANIC_MARKERS);
  }

  @Test
  void anEmptyEntryOfAListIsAnError() {
    PanicwatchOptions options = new PanicwatchOptions();

    OptionTables.APPENDER.bindAttribute(options, "panicMarker", "CRASH, , FATAL");

    assertThat(options.validate()).extracting(ConfigProblem::option).contains("panicMarker");
  }

  @Test
  void anUndefinedVariableIsAnErrorOfItsOptionAtAnyDepth() {
    PanicwatchOptions options = new PanicwatchOptions();
    OptionTables.APPENDER.bind(options, "release", "${APP_VERSION}");
    ScrubOptions scrub = new ScrubOptions();
    OptionTables.SCRUB.bind(scrub, "hashKey", "${env:HASH_KEY}");
    options.setScrub(scrub);

    assertThat(OptionTables.APPENDER.check(options, UnresolvedVariables.PLACEHOLDER))
        .extracting(ConfigProblem::message)
        .containsExactly(
            "Invalid release: the variable [APP_VERSION] is undefined; write ${APP_VERSION:-} where it may be unset",
            "Invalid scrub.hashKey: the variable [env:HASH_KEY] is undefined; write ${env:HASH_KEY:-} where it may be unset");
  }

  @Test
  void aSensitiveValueIsNeverShownWholeInAStatusLine() {
    PanicwatchOptions options = new PanicwatchOptions();
    OptionTables.APPENDER.bind(options, "dsn", "https://0123secretkey:pw@sentry.example.com:99999/7");

    assertThat(OptionTables.APPENDER.check(options, UnresolvedVariables.NONE))
        .extracting(ConfigProblem::message)
        .containsExactly("Invalid dsn [https://*****@sentry.example.com:99999/7]: port 99999 is out of range (1 to 65535)");
  }

  @Test
  void nestedElementsAreFilledThroughTheirOwnTableAndAttachedToTheParent() {
    ScrubOptions scrub = new ScrubOptions();
    bindNested(scrub, OptionTables.SCRUB.nested("keyRule"), Map.of("name", "customer", "key", "customer, acct"));

    assertThat(scrub.getKeyRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getName()).isEqualTo("customer");
      assertThat(rule.getKeys()).containsExactly("customer", "acct");
    });
    assertThat(OptionTables.SCRUB.isRepeatable("keyRule")).isTrue();
    assertThat(OptionTables.APPENDER.isRepeatable("scrub")).isFalse();
  }

  @Test
  void namesMatchIgnoringCaseAsLog4j2Writes() {
    assertThat(OptionTables.APPENDER.canonicalName("Tag")).isEqualTo("tag");
    assertThat(OptionTables.SCRUB.canonicalName("KEYRULE")).isEqualTo("keyRule");
    assertThat(OptionTables.APPENDER.canonicalName("Filter")).isNull();
    assertThat(OptionTables.APPENDER.elementTable("ValueRule")).isSameAs(OptionTables.VALUE_RULE);
    assertThat(OptionTables.APPENDER.elementTable("Layout")).isNull();
  }

  private static <P, C> void bindNested(P parent, OptionTable.Nested<P, C> nested, Map<String, String> attributes) {
    C child = nested.table().create();
    attributes.forEach((name, value) -> assertThat(nested.table().bindAttribute(child, name, value)).isEmpty());
    nested.attachBean(parent, child);
  }

  /** {@code setName} → {@code name}, {@code addKeyRule} → {@code keyRule}. */
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
