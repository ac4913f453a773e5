package io.github.panicwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.select.Severity;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBuilderTest {

  private final EventBuilder builder = new EventBuilder("2.4.1", "prod-oss", Map.of("role", "alpha"), null, List.of());

  @Test
  void aBreadcrumbCarriesItsMdcOnlyWhereItDiffersFromThePanics() {
    Map<String, String> crashed = Map.of("request_id", "r-2", "tenant", "acme");
    List<RecordedLine> lines =
        List.of(
            line("other request", Map.of("request_id", "r-1", "tenant", "acme")),
            line("no context", Map.of()),
            line("same request", Map.of("tenant", "acme", "request_id", "r-2")));

    SentryEvent event = builder.build(panic(crashed), lines);

    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    assertThat(crumbs).extracting(Breadcrumb::getMessage).containsExactly("other request", "no context", "same request");
    assertThat(crumbs.get(0).getData()).containsEntry("MDC", Map.of("request_id", "r-1", "tenant", "acme"));
    assertThat(crumbs.get(1).getData()).doesNotContainKey("MDC");
    assertThat(crumbs.get(2).getData()).doesNotContainKey("MDC").containsEntry("thread", "worker-1");
    assertThat(event.getContexts().get(EventBuilder.MDC_CONTEXT)).isEqualTo(crashed);
  }

  @Test
  void withoutMdcAtThePanicEveryBreadcrumbKeepsItsOwn() {
    SentryEvent event = builder.build(panic(Map.of()), List.of(line("a line", Map.of("request_id", "r-1"))));

    assertThat(event.getBreadcrumbs().get(0).getData()).containsEntry("MDC", Map.of("request_id", "r-1"));
    assertThat(event.getContexts().get(EventBuilder.MDC_CONTEXT)).isNull();
  }

  /** Issue 15: sentry-logback's contextTag moves the MDC value into the event's tags. */
  @Test
  void contextTagsBecomeTagsAndLeaveTheMdcContextWhileBreadcrumbsKeepTheirWholeMdc() {
    EventBuilder tagging =
        new EventBuilder("2.4.1", "prod-oss", Map.of("role", "alpha"), null, List.of("request_id", "role", "absent"));
    Map<String, String> crashed = Map.of("request_id", "r-2", "role", "beta", "tenant", "acme");

    SentryEvent event =
        tagging.build(
            panic(crashed), List.of(line("same request", crashed), line("other", Map.of("request_id", "r-1"))));

    assertThat(event.getTags()).containsEntry("request_id", "r-2").containsEntry("role", "beta").doesNotContainKey("absent");
    assertThat(event.getContexts().get(EventBuilder.MDC_CONTEXT)).isEqualTo(Map.of("tenant", "acme"));
    assertThat(event.getBreadcrumbs().get(0).getData()).doesNotContainKey("MDC"); // the panic's own request
    assertThat(event.getBreadcrumbs().get(1).getData()).containsEntry("MDC", Map.of("request_id", "r-1"));
  }

  /** Sentry drops a tag value over 200 characters or with a line break: such a value stays in the context. */
  @Test
  void aContextValueSentryWouldDropAsATagStaysInTheMdcContext() {
    EventBuilder tagging = new EventBuilder("2.4.1", "prod-oss", Map.of(), null, List.of("query", "note", "empty", "fits"));
    Map<String, String> crashed =
        Map.of("query", "q".repeat(201), "note", "two\nlines", "empty", " ", "fits", "f".repeat(200));

    SentryEvent event = tagging.build(panic(crashed), List.of());

    assertThat(event.getTags()).containsOnlyKeys("fits");
    assertThat(event.getContexts().get(EventBuilder.MDC_CONTEXT)).isEqualTo(
        Map.of("query", "q".repeat(201), "note", "two\nlines", "empty", " "));
  }

  private static RecordedLine line(String message, Map<String, String> mdc) {
    return new RecordedLine(1_700_000_000_000_000_000L, Severity.INFO, "app.orders", "worker-1", message, mdc);
  }

  private static PanicRecord panic(Map<String, String> mdc) {
    return new PanicRecord(
        Instant.now(), Severity.FATAL, "app.orders", null, "main", "boom", null, mdc, true);
  }
}
