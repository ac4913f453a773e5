package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.scrub.ScrubOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Log4j2ConfigReaderTest {
  private final Log4j2ConfigReader reader =
      new Log4j2ConfigReader(
          Map.of("app.edition", "ee")::get,
          Map.of("SENTRY_DSN", "http://key@127.0.0.1:9/7", "HASH_KEY", "0123456789abcdef0123", "PROXY_PASS", "PROXY_PASS_SECRET")::get);

  @Test
  void bindsThePanicwatchElementWithLog4j2LookupsAndProperties() throws Exception {
    AppenderSettings settings = read("full", null);

    PanicwatchOptions options = settings.options();
    assertThat(settings.problems()).isEmpty();
    assertThat(settings.found()).isTrue();
    assertThat(options.dsn()).isEqualTo("http://key@127.0.0.1:9/7"); // ${env:…}
    assertThat(options.release()).isEqualTo("0.0.1"); // a <Property> whose value is a lookup's default
    assertThat(options.edition()).isEqualTo("ee"); // ${sys:…}
    assertThat(options.environment()).isEqualTo("staging-alpha"); // default with a nested property
    assertThat(options.enableSentry()).isEqualTo("true");
    assertThat(options.tags()).containsExactly(Map.entry("service", "alpha"), Map.entry("region", "eu"));
    assertThat(options.maxBreadcrumbs()).isEqualTo(50);
    assertThat(options.panicMarkers()).containsExactly("CRASH", "FATAL");
    assertThat(options.cacheDir()).isEqualTo(Path.of("/var/spool/panicwatch").toFile());
    assertThat(options.maxSpooledEvents()).isEqualTo(20);
    assertThat(options.maxEventsPerFingerprint()).isEqualTo(3);
    assertThat(options.fingerprintWindowMillis()).isEqualTo(30 * 60_000L);
    assertThat(options.connectionTimeoutMillis()).isEqualTo(1500);
    assertThat(options.readTimeoutMillis()).isEqualTo(2500);
  }

  /** Issue 15: sentry-logback's options, {@code <Proxy>} included, read as the Log4j2 adapter binds them. */
  @Test
  void bindsSentryLogbacksOptionsAndTheProxyElement() throws Exception {
    PanicwatchOptions options = read("full", null).options();

    assertThat(options.serverName()).isEqualTo("ledger-7");
    assertThat(options.dist()).isEqualTo("b42");
    assertThat(options.inAppIncludes()).containsExactly("com.example", "org.acme");
    assertThat(options.inAppExcludes()).containsExactly("com.example.generated");
    assertThat(options.contextTags()).containsExactly("request_id");
    assertThat(options.debug()).isTrue();
    assertThat(options.proxy()).satisfies(proxy -> {
      assertThat(proxy.getHost()).isEqualTo("proxy.internal");
      assertThat(proxy.getPort()).isEqualTo("3128");
      assertThat(proxy.getUser()).isEqualTo("svc-alpha");
      assertThat(proxy.getPass()).isEqualTo("PROXY_PASS_SECRET");
    });
  }

  @Test
  void bindsTheScrubElementWithItsKeyAndValueRules() throws Exception {
    ScrubOptions scrub = read("full", null).options().scrub();

    assertThat(scrub.getKeys()).containsExactly("session_id", "pin");
    assertThat(scrub.getDisabled()).containsExactly("home", "slack", "ip");
    assertThat(scrub.getHashKey()).isEqualTo("0123456789abcdef0123");
    assertThat(scrub.getKeyRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getName()).isEqualTo("customer");
      assertThat(rule.getKeys()).containsExactly("customer", "acct");
      assertThat(rule.getPattern()).isEqualTo("^cust$");
      assertThat(rule.getReplacement()).isEqualTo("hash");
    });
    assertThat(scrub.getValueRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getName()).isEqualTo("ticket");
      assertThat(rule.getPattern()).isEqualTo("TICKET-\\d{4}");
      assertThat(rule.getReplacement()).isEqualTo("remove");
    });
    assertThat(scrub.validate()).isEmpty();
  }

  @Test
  void reportsUnknownNamesAndLeavesUnparsableValuesAndAnUndefinedLookupToTheStartUp() throws Exception {
    AppenderSettings settings = read("bad-values", null);

    assertThat(settings.found()).isTrue();
    assertThat(settings.options().dsn()).isEqualTo("${env:UNSET_DSN}"); // as Log4j2 would pass it
    assertThat(settings.problems())
        .containsExactlyInAnyOrder(
            "Unknown option [colour]; it was ignored", "Unknown element <Layout> in <Panicwatch>; it was ignored");
    // the same words the appender would print, from the core's start-up
    assertThat(settings.options().validate(UnresolvedVariables.PLACEHOLDER))
        .extracting(ConfigProblem::message)
        .containsExactly(
            "Invalid dsn: the variable [env:UNSET_DSN] is undefined; write ${env:UNSET_DSN:-} where it may be unset",
            "Invalid maxBreadcrumbs [many]: not an integer",
            "Invalid scrub.ipAddresses [nope]: use true or false");
  }

  @Test
  void picksTheAppenderNamedOnTheCommandLine() throws Exception {
    assertThat(read("full", "SECOND").options().release()).isEqualTo("second");
  }

  @Test
  void saysSoWhenTheFileHasNoPanicwatchAppender() throws Exception {
    AppenderSettings settings = read("full", "MISSING");

    assertThat(settings.found()).isFalse();
    assertThat(settings.problems()).singleElement().asString().startsWith("No <Panicwatch> appender named [MISSING] in ");
  }

  private AppenderSettings read(String variant, String appenderName) throws Exception {
    Path file = resource(variant);
    return reader.read(XmlFile.root(file), file, appenderName);
  }

  private static Path resource(String variant) throws Exception {
    return Path.of(Log4j2ConfigReaderTest.class.getResource("Log4j2ConfigReaderTest-" + variant + ".xml").toURI());
  }
}
