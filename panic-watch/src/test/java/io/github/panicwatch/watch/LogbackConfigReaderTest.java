package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.option.ConfigProblem;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogbackConfigReaderTest {
  private final LogbackConfigReader reader =
      new LogbackConfigReader(Map.of("app.edition", "ee")::get, Map.of("SENTRY_DSN", "http://key@127.0.0.1:9/7", "PROXY_PASS", "PROXY_PASS_SECRET")::get);

  @Test
  void bindsTheAppendersElementsWithLogbackSubstitution() throws Exception {
    AppenderSettings settings = read("full", null);

    PanicwatchOptions options = settings.options();
    assertThat(settings.found()).isTrue();
    assertThat(options.dsn()).isEqualTo("http://key@127.0.0.1:9/7"); // environment
    assertThat(options.release()).isEqualTo("3.1.0"); // file property
    assertThat(options.edition()).isEqualTo("ee"); // system property
    assertThat(options.environment()).isEqualTo("staging-eu"); // default with a nested variable
    assertThat(options.tags()).containsExactly(Map.entry("service", "alpha"), Map.entry("region", "eu"));
    assertThat(options.maxBreadcrumbs()).isEqualTo(50);
    assertThat(options.flushTimeoutMillis()).isEqualTo(1500);
    assertThat(options.scrub().getKeys()).containsExactly("session_id");
    assertThat(options.scrub().isIpAddresses()).isFalse();
    assertThat(settings.contextProperties()).containsEntry("enableSentry", "false");
    assertThat(settings.problems()).isEmpty();
  }

  /** Issue 15: sentry-logback's options, {@code <proxy>} included, read as the appender binds them. */
  @Test
  void bindsSentryLogbacksOptionsAndLogbacksOwnHostname() throws Exception {
    PanicwatchOptions options = read("full", null).options();

    assertThat(options.serverName()).isEqualTo(InetAddress.getLocalHost().getHostName()); // ${HOSTNAME}
    assertThat(options.dist()).isEqualTo("b42");
    assertThat(options.inAppIncludes()).containsExactly("com.example", "org.acme");
    assertThat(options.inAppExcludes()).containsExactly("com.example.generated");
    assertThat(options.contextTags()).containsExactly("request_id");
    assertThat(options.debug()).isTrue();
    assertThat(options.proxy()).satisfies(proxy -> {
      assertThat(proxy.getHost()).isEqualTo("proxy.internal");
      assertThat(proxy.getPort()).isEqualTo("3128");
      assertThat(proxy.getUser()).isEqualTo("svc-eu");
      assertThat(proxy.getPass()).isEqualTo("PROXY_PASS_SECRET");
    });
    assertThat(options.validate()).isEmpty();
  }

  @Test
  void reportsUnknownElementsAndLeavesUnparsableNumbersToTheStartUp() throws Exception {
    AppenderSettings settings = read("bad-values", null);

    assertThat(settings.found()).isTrue();
    assertThat(settings.problems()).containsExactly("Unknown option [colour]; it was ignored");
    assertThat(settings.options().validate())
        .extracting(ConfigProblem::message)
        .containsExactly("Invalid maxBreadcrumbs [many]: not an integer");
  }

  @Test
  void picksTheAppenderNamedOnTheCommandLine() throws Exception {
    assertThat(read("full", "SECOND").options().release()).isEqualTo("second");
  }

  @Test
  void saysSoWhenTheFileHasNoPanicwatchAppender() throws Exception {
    AppenderSettings settings = read("full", "MISSING");

    assertThat(settings.found()).isFalse();
    assertThat(settings.problems()).singleElement().asString()
        .startsWith("No appender of class io.github.panicwatch.logback.PanicAppender named [MISSING] in ");
  }

  private AppenderSettings read(String variant, String appenderName) throws Exception {
    Path file = resource(variant);
    return reader.read(XmlFile.root(file), file, appenderName);
  }

  private static Path resource(String variant) throws Exception {
    return Path.of(LogbackConfigReaderTest.class.getResource("LogbackConfigReaderTest-" + variant + ".xml").toURI());
  }
}
