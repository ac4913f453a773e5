package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.core.threads.CapturedThread;
import io.github.panicwatch.core.threads.Deadlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static PanicRecord panic(String message, String template, Throwable throwable) {
    Thread thread = Thread.currentThread();
    return new PanicRecord(
        Instant.now(), Severity.FATAL, "app.orders", thread, thread.getName(), message, throwable,
        Map.of(), true, template);
  }

  private static IllegalStateException failAt(String message) {
    return new IllegalStateException(message);
  }

  private static IllegalStateException failElsewhere(String message) {
    return new IllegalStateException(message);
  }

  @Test
  void theSameExceptionTypeThrownFromTheSamePlaceIsOneCrashWhateverItsMessage() {
    assertThat(Fingerprint.of(panic("a", "a", failAt("replica 1"))))
        .isEqualTo(Fingerprint.of(panic("b", "b", failAt("replica 2"))));
  }

  @Test
  void anotherPlaceOrTypeIsAnotherCrash() {
    String here = Fingerprint.of(panic("a", "a", failAt("x")));
    assertThat(Fingerprint.of(panic("a", "a", failElsewhere("x")))).isNotEqualTo(here);
    assertThat(Fingerprint.of(panic("a", "a", new IllegalArgumentException("x")))).isNotEqualTo(here);
  }

  @Test
  void withoutAnExceptionTheMessageTemplateDecidesNotTheArguments() {
    assertThat(Fingerprint.of(panic("order 17 failed", "order {} failed", null)))
        .isEqualTo(Fingerprint.of(panic("order 18 failed", "order {} failed", null)))
        .isNotEqualTo(Fingerprint.of(panic("disk gone", "disk gone", null)));
  }

  @Test
  void libraryFramesOnTopAreSkipped() {
    IllegalStateException fromApp = failAt("x");
    IllegalStateException wrappedInLibraries = failAt("x");
    StackTraceElement[] app = fromApp.getStackTrace();
    StackTraceElement[] withLibraryOnTop = new StackTraceElement[app.length + 2];
    withLibraryOnTop[0] = new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 1);
    withLibraryOnTop[1] = new StackTraceElement("ch.qos.logback.core.Foo", "bar", "Foo.java", 2);
    System.arraycopy(app, 0, withLibraryOnTop, 2, app.length);
    wrappedInLibraries.setStackTrace(withLibraryOnTop);
    assertThat(Fingerprint.of(panic("a", "a", wrappedInLibraries))).isEqualTo(Fingerprint.of(panic("a", "a", fromApp)));
  }

  private static CapturedThread deadlocked(long id, String name, String... topFramesFirst) {
    List<StackTraceElement> stack = new ArrayList<>();
    for (String frame : topFramesFirst) {
      int dot = frame.lastIndexOf('.');
      stack.add(new StackTraceElement(frame.substring(0, dot), frame.substring(dot + 1), null, 7));
    }
    return new CapturedThread(
        id, name, Thread.State.BLOCKED, false, 5, stack, true, false,
        new CapturedThread.LockRef("java.lang.Object", (int) id * 31, id + 1, "other"), List.of());
  }

  /** Issue 18: the crash-loop guard groups a deadlock by its code, not by its threads or locks. */
  @Test
  void aDeadlockIsOneCrashWhicheverThreadComesFirstWhateverItsThreadsNamesAndIdsAndAnotherPlaceIsAnother() {
    CapturedThread ledger = deadlocked(11, "pool-1-thread-3", "app.Ledger.post", "app.Jobs.run");
    CapturedThread account = deadlocked(12, "pool-1-thread-4", "java.lang.Object.wait", "app.Account.debit", "app.Jobs.run");
    String fingerprint = Fingerprint.of(new Deadlock(List.of(ledger, account), List.of(), Instant.now()));

    CapturedThread ledgerNextRun = deadlocked(40, "pool-2-thread-1", "app.Ledger.post", "app.Jobs.run");
    CapturedThread accountNextRun = deadlocked(39, "pool-2-thread-9", "java.lang.Object.wait", "app.Account.debit", "app.Jobs.run");
    assertThat(Fingerprint.of(new Deadlock(List.of(accountNextRun, ledgerNextRun), List.of(), Instant.now())))
        .isEqualTo(fingerprint);

    CapturedThread elsewhere = deadlocked(12, "pool-1-thread-4", "app.Account.credit", "app.Jobs.run");
    assertThat(Fingerprint.of(new Deadlock(List.of(ledger, elsewhere), List.of(), Instant.now())))
        .isNotEqualTo(fingerprint);
  }
}
