package io.github.panicwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The threads a panic carries with {@code attachThreads} (issue 15), taken from this JVM's real threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadCaptureTest {
  private final ThreadCapture capture = new ThreadCapture();
  private final TestThreads threads = new TestThreads();

  @AfterEach
  void endThreads() throws InterruptedException {
    threads.close();
  }

  /** Through a JDK frame, as a panic arrives through the logging framework's frames. */
  private CapturedThreads atPanicOnThisThread() throws Exception {
    FutureTask<CapturedThreads> call = new FutureTask<>(() -> capture.atPanic(Thread.currentThread()));
    call.run();
    return call.get();
  }

  @Test
  void thePanickingThreadComesFirstMarkedCrashedAndCurrentWithoutTheCapturesOwnFrames() throws Exception {
    try (CapturedThreads captured = atPanicOnThisThread()) {
      CapturedThread first = captured.threads().get(0);
      assertThat(first.id()).isEqualTo(Thread.currentThread().getId());
      assertThat(first.name()).isEqualTo(Thread.currentThread().getName());
      assertThat(first.crashed()).isTrue();
      assertThat(first.current()).isTrue();
      assertThat(first.state()).isEqualTo(Thread.State.RUNNABLE);
      assertThat(first.stack().get(0).getClassName()).isEqualTo(FutureTask.class.getName());
      assertThat(first.stack())
          .extracting(StackTraceElement::getMethodName)
          .contains("thePanickingThreadComesFirstMarkedCrashedAndCurrentWithoutTheCapturesOwnFrames");
      assertThat(captured.threads().subList(1, captured.threads().size()))
          .allSatisfy(thread -> assertThat(thread.crashed() || thread.current()).isFalse());
    }
  }

  @Test
  void takenOnAnotherThreadThanThePanicsNoThreadIsMarked() throws Exception {
    Thread elsewhere = new Thread(() -> {}, "logged-elsewhere");
    try (CapturedThreads captured = capture.atPanic(elsewhere)) {
      assertThat(captured.threads()).isNotEmpty().noneMatch(thread -> thread.crashed() || thread.current());
    }
  }

  @Test
  void blockedThreadsComeBeforeWaitingAndSleepingOnesWithTheirStateStackAndTheLockTheyWaitFor() throws Exception {
    threads.onlyWaiting();
    Object ledger = new Object();
    synchronized (ledger) {
      Thread blocked = threads.start("blocked-on-ledger", () -> {
        synchronized (ledger) {
          ledger.notifyAll();
        }
      });
      TestThreads.awaitState(blocked, Thread.State.BLOCKED);

      try (CapturedThreads captured = capture.atPanic(null)) {
        List<String> names = captured.threads().stream().map(CapturedThread::name).toList();
        assertThat(names.indexOf("blocked-on-ledger")).isLessThan(names.indexOf("queue-consumer"));
        assertThat(names.indexOf("queue-consumer")).isLessThan(names.indexOf("sleeper"));
        CapturedThread onLedger = find(captured, "blocked-on-ledger");
        assertThat(onLedger.state()).isEqualTo(Thread.State.BLOCKED);
        assertThat(onLedger.daemon()).isTrue();
        assertThat(onLedger.waitingFor().className()).isEqualTo(Object.class.getName());
        assertThat(onLedger.waitingFor().identityHashCode()).isEqualTo(System.identityHashCode(ledger));
        assertThat(onLedger.waitingFor().ownerId()).isEqualTo(Thread.currentThread().getId());
        assertThat(onLedger.stack()).extracting(StackTraceElement::getClassName).anyMatch(name -> name.startsWith(getClass().getName()));
        assertThat(find(captured, "sleeper").stack().get(0).getMethodName()).isEqualTo("sleep");
        assertThat(find(captured, "queue-consumer").state()).isEqualTo(Thread.State.WAITING);
      }
    }
  }

  @Test
  void atMostMaxThreadsAreKeptEachWithAtMostMaxFramesAndTheRestAreCounted() throws Exception {
    for (int i = 0; i < ThreadCapture.MAX_THREADS + 10; i++) {
      threads.parkedDeep("deep-" + i, 200);
    }

    try (CapturedThreads captured = atPanicOnThisThread()) {
      assertThat(captured.threads()).hasSize(ThreadCapture.MAX_THREADS);
      assertThat(captured.omitted()).isGreaterThanOrEqualTo(10);
      assertThat(captured.threads()).allSatisfy(thread -> assertThat(thread.stack()).hasSizeLessThanOrEqualTo(ThreadCapture.MAX_FRAMES));
      CapturedThread deep = find(captured, "deep-0");
      assertThat(deep.stack()).hasSize(ThreadCapture.MAX_FRAMES);
      assertThat(deep.stack().get(0).getMethodName()).as("the top frames are kept").isEqualTo("park");
    }
  }

  @Test
  void atMostMaxWaitingCapturesAreHeldAtOnceAndOneBeyondCarriesNoThreadsButSaysWhy() throws Exception {
    List<CapturedThreads> held = new ArrayList<>();
    for (int i = 0; i < ThreadCapture.MAX_WAITING; i++) {
      held.add(capture.atPanic(null));
    }
    CapturedThreads beyond = capture.atPanic(null);
    assertThat(beyond.threads()).isEmpty();
    assertThat(beyond.notAttached()).isEqualTo("4 earlier panics' threads were still waiting to be sent");

    held.get(0).close();
    held.get(0).close(); // closing twice gives back one place only
    CapturedThreads next = capture.atPanic(null);
    assertThat(next.notAttached()).isNull();
    assertThat(next.threads()).isNotEmpty();
    assertThat(capture.atPanic(null).notAttached()).isNotNull();
  }

  private static CapturedThread find(CapturedThreads captured, String name) {
    return captured.threads().stream()
        .filter(thread -> thread.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name + " in " + captured.threads()));
  }
}
