package io.github.panicwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbSlot;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.testing.StatusRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One engine per appender name, reference counted, across reconfigurations (issue 12 item 4). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineRegistryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final EngineRegistry registry = new EngineRegistry(EngineRegistry.PARKING_MILLIS);
  private final Object context = new Object();
  private final StatusRecorder status = new StatusRecorder();
  private Thread.UncaughtExceptionHandler before;
  /** Every lease a test took: ended after it, so that a failed test leaves no engine joined to the next one's handler. */
  private final List<EngineLease> leases = new ArrayList<>();
  private final List<ParkedEngine> parkedEngines = new ArrayList<>();

  @BeforeEach
  void rememberHandler() {
    before = Thread.getDefaultUncaughtExceptionHandler();
  }

  @AfterEach
  void restoreHandler() {
    leases.forEach(EngineLease::release); // idempotent: a no-op for those the test ended
    parkedEngines.forEach(ParkedEngine::end);
    Thread.setDefaultUncaughtExceptionHandler(before);
  }

  /** Options as an appender of the next configuration writes them: a new object each time. */
  private PanicwatchOptions options(String maxBreadcrumbs, String tag) {
    PanicwatchOptions options = new PanicwatchOptions();
    options.set(PanicwatchOptions.OUTBOX, dir.resolve("outbox.jsonl").toString());
    options.set(PanicwatchOptions.MAX_BREADCRUMBS, maxBreadcrumbs);
    options.set(PanicwatchOptions.ENABLE_SENTRY, "true");
    Tag service = new Tag();
    service.setName("config");
    service.setValue(tag);
    options.addTag(service);
    return options;
  }

  private EngineLease acquire(EngineRegistry into, Object scope, PanicwatchOptions options, StatusRecorder sink) {
    AppenderStartup startup = AppenderStartup.check("PANIC", options, key -> null, UnresolvedVariables.NONE, sink);
    assertThat(startup.enabled()).as("status: %s", sink.lines()).isTrue();
    EngineLease lease = into.acquire(scope, "PANIC", options, sink.forAppender("PANIC"), ring -> startup.start(null, ring));
    leases.add(lease);
    return lease;
  }

  /** Ends {@code lease}'s hold as a stop inside a Logback reset does. */
  private ParkedEngine park(EngineLease lease) {
    ParkedEngine parked = lease.releaseForReconfiguration();
    if (parked != null) {
      parkedEngines.add(parked);
    }
    return parked;
  }

  private EngineLease acquire(PanicwatchOptions options) {
    return acquire(registry, context, options, status);
  }

  /** One breadcrumb as the Log4j2 adapter writes it (an engine without an adapter has a ring of slots). */
  private static void log(Panicwatch engine, String message) {
    BreadcrumbSlot slot = engine.breadcrumbs().claim();
    slot.line(System.currentTimeMillis() * 1_000_000L, Severity.INFO, "app", "main");
    slot.text().append(message);
    slot.publish();
  }

  private static Iterable<String> messages(Panicwatch engine) {
    return engine.breadcrumbs().snapshot().stream().map(RecordedLine::message).toList();
  }

  @Test
  void theNextAppenderWithTheSameOptionsTakesTheRunningEngineAndTheLastStopClosesIt() {
    EngineLease old = acquire(options("100", "a"));
    EngineLease next = acquire(options("100", "a"));
    assertThat(next.engine()).isSameAs(old.engine());
    assertThat(status.lines()).anyMatch(line -> line.startsWith("INFO Panicwatch [PANIC]: takes over the running engine, its options unchanged: reports panics to the outbox"));

    old.release();
    assertThat(next.engine().isClosed()).as("the new appender still holds it").isFalse();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotSameAs(before);
    old.release(); // a second stop of the same appender counts once
    assertThat(next.engine().isClosed()).isFalse();

    next.release();
    assertThat(next.engine().isClosed()).isTrue();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    assertThat(registry.size()).isZero();
  }

  @Test
  void changedOptionsStartANewEngineThatGoesOnWithTheBreadcrumbs() {
    EngineLease old = acquire(options("100", "a"));
    log(old.engine(), "before the reconfiguration");

    EngineLease next = acquire(options("50", "a"));
    assertThat(next.engine()).isNotSameAs(old.engine());
    assertThat(messages(next.engine())).containsExactly("before the reconfiguration");
    assertThat(status.lines()).anyMatch(line -> line.equals(
        "INFO Panicwatch [PANIC]: options changed (maxBreadcrumbs): this new engine goes on with the breadcrumbs"
            + " recorded so far; the previous one stops with its last appender"));
    assertThat(old.engine().isClosed()).as("its appender still runs").isFalse();

    old.release();
    assertThat(old.engine().isClosed()).isTrue();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("the new engine's").isNotSameAs(before);
    next.release();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
  }

  @Test
  void aChangeThatKeepsTheRingsSizeKeepsTheRingSoLinesLoggedUntilTheOldStopsCount() {
    EngineLease old = acquire(options("100", "a"));
    EngineLease next = acquire(options("100", "b"));
    assertThat(next.engine()).isNotSameAs(old.engine());
    log(old.engine(), "logged through the old configuration while the new one starts");
    assertThat(messages(next.engine())).containsExactly("logged through the old configuration while the new one starts");
    old.release();
    next.release();
  }

  @Test
  void anUncaughtExceptionDuringTheOverlapIsReportedOnceByTheNewEngine() throws Exception {
    Thread.UncaughtExceptionHandler applications = (thread, throwable) -> { };
    Thread.setDefaultUncaughtExceptionHandler(applications);
    EngineLease old = acquire(options("100", "a"));
    EngineLease next = acquire(options("100", "b"));
    Thread dying = new Thread(() -> {
      throw new IllegalStateException("worker died");
    }, "worker");
    dying.start();
    dying.join();
    next.engine().flush();
    old.engine().flush();
    assertThat(Files.readAllLines(dir.resolve("outbox.jsonl")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("worker died").contains("\"config\":\"b\""));
    old.release();
    next.release();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(applications);
  }

  @Test
  void namesCountWithinTheirContext() {
    StatusRecorder otherStatus = new StatusRecorder();
    EngineLease here = acquire(options("100", "a"));
    EngineLease there = acquire(registry, new Object(), options("100", "a"), otherStatus);
    assertThat(there.engine()).isNotSameAs(here.engine());
    here.release();
    assertThat(there.engine().isClosed()).isFalse();
    there.release();
  }

  @Test
  void anEngineParkedAtAResetIsTakenByTheNextAppenderOfItsName() throws Exception {
    EngineLease old = acquire(options("100", "a"));
    Panicwatch engine = old.engine();
    log(engine, "before the reset");
    ParkedEngine parked = park(old);
    assertThat(parked).isNotNull();
    assertThat(engine.isClosed()).as("parked, still running").isFalse();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("still reporting").isNotSameAs(before);

    EngineLease next = acquire(options("100", "a"));
    assertThat(next.engine()).isSameAs(engine);
    parked.end(); // the configuration ended: it was taken, so nothing closes
    assertThat(engine.isClosed()).isFalse();
    assertThat(messages(engine)).containsExactly("before the reset");
    joinParkedTimers();
    next.release();
    assertThat(engine.isClosed()).isTrue();
  }

  @Test
  void aParkedEngineNobodyTakesClosesWhenTheFrameworkSaysNoneWillCome() throws Exception {
    EngineLease old = acquire(options("100", "a"));
    ParkedEngine parked = park(old);
    parked.end();
    assertThat(old.engine().isClosed()).isTrue();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    assertThat(registry.size()).isZero();
    joinParkedTimers();
  }

  @Test
  void aParkedEngineNobodyTakesClosesByItselfAfterItsBound() throws Exception {
    EngineRegistry shortParking = new EngineRegistry(50);
    EngineLease old = acquire(shortParking, context, options("100", "a"), status);
    assertThat(park(old)).isNotNull();
    // joined, not awaited with Awaitility: that puts back, after its wait, the default handler it
    // saw before it, which is ours until the timer closes the engine
    joinParkedTimers();
    assertThat(old.engine().isClosed()).isTrue();
    assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
  }

  @Test
  void aParkedEngineIsClosedAtOnceWhenTheNextAppenderChangedTheOptions() {
    EngineLease old = acquire(options("100", "a"));
    log(old.engine(), "before the reset");
    ParkedEngine parked = park(old);
    EngineLease next = acquire(options("20", "a"));
    assertThat(old.engine().isClosed()).isTrue();
    assertThat(messages(next.engine())).containsExactly("before the reset");
    parked.end();
    assertThat(next.engine().isClosed()).isFalse();
    next.release();
  }

  @Test
  void aStopThatEndsAHoldWhileOthersRemainParksNothing() {
    EngineLease old = acquire(options("100", "a"));
    EngineLease next = acquire(options("100", "a"));
    assertThat(park(old)).isNull();
    assertThat(next.engine().isClosed()).isFalse();
    next.release();
    assertThat(next.engine().isClosed()).isTrue();
  }

  @Test
  void theEnginesStatusLinesGoToTheAppenderThatHoldsItNow() throws Exception {
    EngineLease old = acquire(options("100", "a"));
    StatusRecorder newer = new StatusRecorder();
    EngineLease next = acquire(registry, context, options("100", "a"), newer);
    // an outbox that became a symbolic link is refused at the next write: an ERROR of the engine
    Path target = Files.createFile(dir.resolve("elsewhere.jsonl"));
    Files.createSymbolicLink(dir.resolve("outbox.jsonl"), target);
    next.engine().capture(new PanicRecord(
        Instant.now(), Severity.FATAL, "app", null, "main", "disk gone", null, Map.of(), true, "disk gone"));
    next.engine().flush();
    assertThat(newer.lines()).anyMatch(line -> line.startsWith("ERROR Panicwatch [PANIC]: "));
    assertThat(status.lines()).noneMatch(line -> line.startsWith("ERROR"));

    next.release(); // back to the appender that still holds it
    int seen = status.lines().size();
    old.engine().capture(new PanicRecord(
        Instant.now(), Severity.FATAL, "app", null, "main", "disk gone again", null, Map.of(), true, "disk gone"));
    old.engine().flush();
    assertThat(status.lines().subList(seen, status.lines().size())).anyMatch(line -> line.startsWith("ERROR"));
    old.release();
  }

  /** Waits for every parked engine's timer to end: at once when its engine was taken or ended. */
  private static void joinParkedTimers() throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("panicwatch-parked-")) {
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("%s still runs", thread.getName()).isFalse();
      }
    }
  }
}
