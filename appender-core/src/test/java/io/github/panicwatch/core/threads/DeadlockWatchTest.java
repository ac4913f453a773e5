package io.github.panicwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.testing.StatusRecorder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watch's thread and what it reports (issue 18). Checks are counted, so "not reported again"
 * is said after a given number of checks, not after a guessed time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlockWatchTest {
  private static final long INTERVAL = 100;

  /** Each test its own appender name: what a name reported is remembered for the life of the JVM. */
  private final String name = "watch-" + UUID.randomUUID();
  private final List<Deadlock> reported = new CopyOnWriteArrayList<>();
  private final StatusRecorder status = new StatusRecorder();
  private final TestThreads threads = new TestThreads();

  @AfterEach
  void endThreads() throws InterruptedException {
    threads.close();
  }

  private static Deadlock deadlock(long first, long second) {
    return new Deadlock(
        List.of(thread(first, second), thread(second, first)), List.of(), Instant.now());
  }

  private static CapturedThread thread(long id, long owner) {
    return new CapturedThread(
        id, "worker-" + id, Thread.State.BLOCKED, false, 5, List.of(), true, false,
        new CapturedThread.LockRef("app.Ledger", (int) owner, owner, "worker-" + owner), List.of());
  }

  /** A finder that counts its checks down on {@code checks} and finds what {@code found} gives. */
  private static Supplier<List<Deadlock>> counting(CountDownLatch checks, Supplier<List<Deadlock>> found) {
    return () -> {
      try {
        return found.get();
      } finally {
        checks.countDown();
      }
    };
  }

  @Test
  void theSameDeadlockIsReportedOnceNotAtEveryCheck() throws Exception {
    CountDownLatch fiveChecks = new CountDownLatch(5);
    DeadlockWatch watch =
        DeadlockWatch.start(name, INTERVAL, counting(fiveChecks, () -> List.of(deadlock(11, 12))), reported::add, status);
    try {
      fiveChecks.await();
    } finally {
      watch.close(10_000);
    }

    assertThat(reported).extracting(Deadlock::key).containsExactly("11,12");
  }

  @Test
  void anotherDeadlockIsReportedAndTheSameOneIsNotAgainByTheNextWatchOfTheSameName() throws Exception {
    CountDownLatch twoChecks = new CountDownLatch(2);
    DeadlockWatch first = DeadlockWatch.start(name, INTERVAL, counting(twoChecks, () -> List.of(deadlock(11, 12))), reported::add, status);
    twoChecks.await();
    first.close(10_000);

    // a Logback reload or Log4j2 reconfiguration: a new engine under the same appender name
    CountDownLatch threeChecks = new CountDownLatch(3);
    DeadlockWatch second =
        DeadlockWatch.start(
            name, INTERVAL, counting(threeChecks, () -> List.of(deadlock(12, 11), deadlock(21, 22))), reported::add, status);
    threeChecks.await();
    second.close(10_000);
    // another appender of the same JVM reports it to its own Sentry project
    CountDownLatch oneCheck = new CountDownLatch(1);
    List<Deadlock> otherAppender = new CopyOnWriteArrayList<>();
    DeadlockWatch other =
        DeadlockWatch.start(name + "-other", INTERVAL, counting(oneCheck, () -> List.of(deadlock(11, 12))), otherAppender::add, status);
    oneCheck.await();
    other.close(10_000);

    assertThat(reported).extracting(Deadlock::key).containsExactly("11,12", "21,22");
    assertThat(otherAppender).extracting(Deadlock::key).containsExactly("11,12");
  }

  @Test
  void twoThreadsDeadlockedOnTwoLocksAreReportedWithinAFewChecks() throws Exception {
    CountDownLatch found = new CountDownLatch(1);
    threads.twoLocksDeadlocked();
    DeadlockWatch watch =
        DeadlockWatch.start(name, INTERVAL, deadlock -> {
          reported.add(deadlock);
          found.countDown();
        }, status);
    try {
      found.await();
    } finally {
      watch.close(10_000);
    }

    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).cycle()).extracting(CapturedThread::name).containsExactlyInAnyOrder("ledger-writer", "account-writer");
  }

  @Test
  void aServiceThatOnlyWaitsReportsNothing() throws Exception {
    threads.onlyWaiting();
    CountDownLatch fiveChecks = new CountDownLatch(5);
    DeadlockWatch watch = DeadlockWatch.start(name, INTERVAL, counting(fiveChecks, new DeadlockFinder()::find), reported::add, status);
    try {
      fiveChecks.await();
    } finally {
      watch.close(10_000);
    }

    assertThat(reported).isEmpty();
    assertThat(status.lines()).isEmpty();
  }

  @Test
  void itsThreadIsADaemonNamedForTheAppenderAndIsGoneOnceClosed() {
    DeadlockWatch watch = DeadlockWatch.start(name, 60_000, reported::add, status);
    Thread thread = watchThread();
    assertThat(thread.isDaemon()).isTrue();

    watch.close(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("panicwatch-deadlocks-" + name));
  }

  @Test
  void aCheckThatFailsEndsTheWatchWithOneWarning() throws Exception {
    CountDownLatch checks = new CountDownLatch(1);
    DeadlockWatch watch =
        DeadlockWatch.start(
            name,
            INTERVAL,
            counting(checks, () -> {
              throw new SecurityException("access denied (\"java.lang.management.ManagementPermission\" \"monitor\")");
            }),
            reported::add,
            status);
    checks.await();
    watch.close(10_000); // returns once the thread has ended, having said why

    assertThat(status.lines())
        .containsExactly("WARN deadlock detection stopped: its check failed / java.lang.SecurityException: access denied"
            + " (\"java.lang.management.ManagementPermission\" \"monitor\")");
    assertThat(reported).isEmpty();
  }

  /** Code that interrupts every thread (a misguided shutdown routine) ends the checks, and says so. */
  @Test
  void anInterruptFromElsewhereEndsTheWatchWithOneWarning() throws Exception {
    DeadlockWatch watch = DeadlockWatch.start(name, 60_000, reported::add, status);
    Thread thread = watchThread();

    thread.interrupt();
    thread.join();

    assertThat(status.lines()).containsExactly("WARN deadlock detection stopped: its thread was interrupted");
    watch.close(10_000);
    assertThat(status.lines()).as("close() after it adds nothing").hasSize(1);
  }

  @Test
  void closingIsNoWarning() {
    DeadlockWatch watch = DeadlockWatch.start(name, 60_000, reported::add, status);
    Thread thread = watchThread();

    watch.close(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(status.lines()).isEmpty();
  }

  private Thread watchThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("panicwatch-deadlocks-" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread panicwatch-deadlocks-" + name));
  }
}
