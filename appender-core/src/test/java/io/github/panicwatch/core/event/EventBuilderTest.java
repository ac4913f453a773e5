package io.github.panicwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.core.threads.CapturedThread;
import io.github.panicwatch.core.threads.CapturedThread.LockRef;
import io.github.panicwatch.core.threads.CapturedThreads;
import io.github.panicwatch.core.threads.Deadlock;
import io.github.panicwatch.core.threads.ThreadCapture;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryLockReason;
import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryThread;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBuilderTest {

  private static final SentryStackTraceFactory FRAMES = new SentryStackTraceFactory(new SentryOptions());
  private final EventBuilder builder = new EventBuilder("2.4.1", "prod-oss", Map.of("role", "alpha"), null, List.of(), FRAMES);

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

  private static CapturedThread thread(
      long id, String name, Thread.State state, boolean crashed, boolean current, LockRef waitingFor, List<LockRef> held) {
    return new CapturedThread(
        id, name, state, false, 5,
        List.of(new StackTraceElement("app.Orders", "place", "Orders.java", 42), new StackTraceElement("java.lang.Thread", "run", null, -1)),
        crashed, current, waitingFor, held);
  }

  @Test
  void capturedThreadsBecomeSentrysThreadsInterfaceInTheirOrderWithTheLocksTheyWaitForAndHold() {
    CapturedThread logging = thread(1, "main", Thread.State.RUNNABLE, true, true, null, List.of());
    CapturedThread blocked =
        thread(7, "worker-7", Thread.State.BLOCKED, false, false, new LockRef("app.Ledger", 42, 1, "main"),
            List.of(new LockRef("app.Account", 43, 7, "worker-7")));

    SentryEvent event = builder.build(panic(Map.of()), List.of(), CapturedThreads.of(List.of(logging, blocked)));

    List<SentryThread> threads = event.getThreads();
    assertThat(threads).extracting(SentryThread::getId).containsExactly(1L, 7L);
    SentryThread first = threads.get(0);
    assertThat(first.getName()).isEqualTo("main");
    assertThat(first.getState()).isEqualTo("RUNNABLE");
    assertThat(first.isCrashed()).isTrue();
    assertThat(first.isCurrent()).isTrue();
    assertThat(first.isDaemon()).isFalse();
    assertThat(first.getPriority()).isEqualTo(5);
    assertThat(first.getStacktrace().getSnapshot()).isTrue();
    // Sentry lists frames caller first
    assertThat(first.getStacktrace().getFrames()).extracting(SentryStackFrame::getFunction).containsExactly("run", "place");
    assertThat(first.getStacktrace().getFrames().get(1).getLineno()).isEqualTo(42);
    assertThat(first.getHeldLocks()).isNull();
    SentryThread second = threads.get(1);
    assertThat(second.isCrashed()).isFalse();
    assertThat(second.isCurrent()).isNull();
    SentryLockReason waitsFor = second.getHeldLocks().get("0x0000002a");
    assertThat(waitsFor.getType()).isEqualTo(SentryLockReason.BLOCKED);
    assertThat(waitsFor.getPackageName()).isEqualTo("app");
    assertThat(waitsFor.getClassName()).isEqualTo("Ledger");
    assertThat(waitsFor.getThreadId()).isEqualTo(1L);
    SentryLockReason holds = second.getHeldLocks().get("0x0000002b");
    assertThat(holds.getType()).isEqualTo(SentryLockReason.LOCKED);
    assertThat(holds.getClassName()).isEqualTo("Account");
    assertThat(event.getExtras()).doesNotContainKeys(EventBuilder.THREADS_OMITTED_EXTRA, EventBuilder.THREADS_NOT_ATTACHED_EXTRA);
  }

  @Test
  void withoutCapturedThreadsAPanicCarriesNoneAndAPanicWhoseThreadsCouldNotWaitSaysWhy() {
    assertThat(builder.build(panic(Map.of()), List.of(), null).getThreads()).isNull();

    ThreadCapture capture = new ThreadCapture();
    for (int i = 0; i < ThreadCapture.MAX_WAITING; i++) {
      capture.atPanic(null); // held: none of these was sent yet
    }
    SentryEvent event = builder.build(panic(Map.of()), List.of(), capture.atPanic(null));

    assertThat(event.getThreads()).isNull();
    assertThat(event.getExtra(EventBuilder.THREADS_NOT_ATTACHED_EXTRA))
        .isEqualTo("4 earlier panics' threads were still waiting to be sent");
  }

  @Test
  void aDeadlockIsAFatalPanicTaggedCrashDeadlockGroupedByItsFingerprintWithItsThreadsCrashed() {
    CapturedThread ledger = thread(11, "ledger-writer", Thread.State.BLOCKED, true, false, new LockRef("app.Account", 1, 12, "account-writer"), List.of());
    CapturedThread account = thread(12, "account-writer", Thread.State.BLOCKED, true, false, new LockRef("app.Ledger", 2, 11, "ledger-writer"), List.of());
    Deadlock deadlock = new Deadlock(List.of(ledger, account), List.of(), Instant.parse("2026-12-03T10:15:30Z"));

    SentryEvent event =
        builder.build(deadlock, List.of(line("a line", Map.of())), CapturedThreads.of(deadlock.threads()), "0123456789abcdef");

    assertThat(event.getLevel()).isEqualTo(SentryLevel.FATAL);
    assertThat(event.getMessage().getFormatted()).isEqualTo(deadlock.message());
    assertThat(event.getTimestamp()).isEqualTo(Date.from(deadlock.found()));
    assertThat(event.getTag(EventBuilder.CRASH_TAG)).isEqualTo("deadlock");
    assertThat(event.getTag("role")).isEqualTo("alpha");
    assertThat(event.getFingerprints()).containsExactly("deadlock", "0123456789abcdef");
    assertThat(event.getThreads()).extracting(SentryThread::getName).containsExactly("ledger-writer", "account-writer");
    assertThat(event.getThreads()).allMatch(SentryThread::isCrashed);
    assertThat(event.getBreadcrumbs()).extracting(Breadcrumb::getMessage).containsExactly("a line");
    assertThat(event.getExtras()).doesNotContainKey("thread_name");
    assertThat(event.getThrowable()).isNull();
  }

  /** Issue 15: sentry-logback's contextTag moves the MDC value into the event's tags. */
  @Test
  void contextTagsBecomeTagsAndLeaveTheMdcContextWhileBreadcrumbsKeepTheirWholeMdc() {
    EventBuilder tagging =
        new EventBuilder("2.4.1", "prod-oss", Map.of("role", "alpha"), null, List.of("request_id", "role", "absent"), FRAMES);
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
    EventBuilder tagging = new EventBuilder("2.4.1", "prod-oss", Map.of(), null, List.of("query", "note", "empty", "fits"), FRAMES);
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
