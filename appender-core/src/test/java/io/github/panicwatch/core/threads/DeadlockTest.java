package io.github.panicwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cycles found among the threads the JVM reports deadlocked, and how a deadlock reads (issue 18). */
class DeadlockTest {
  private static final Instant FOUND = Instant.parse("2026-12-03T10:15:30Z");

  /** Thread {@code id} blocked on lock {@code lock} (identity hash), which thread {@code owner} holds. */
  private static CapturedThread waiting(long id, String lock, int hash, long owner) {
    return new CapturedThread(
        id,
        "worker-" + id,
        Thread.State.BLOCKED,
        false,
        5,
        List.of(new StackTraceElement("app.Ledger", "post", "Ledger.java", 42)),
        true,
        false,
        new CapturedThread.LockRef(lock, hash, owner, "worker-" + owner),
        List.of());
  }

  @Test
  void aCycleStartsAtItsLowestIdAndNamesEachThreadTheLockItWaitsForAndWhoHoldsIt() {
    List<Deadlock> deadlocks =
        Deadlock.among(List.of(waiting(12, "app.Account", 0xa, 11), waiting(11, "app.Ledger", 0xb, 12)), FOUND);

    assertThat(deadlocks).hasSize(1);
    Deadlock deadlock = deadlocks.get(0);
    assertThat(deadlock.cycle()).extracting(CapturedThread::id).containsExactly(11L, 12L);
    assertThat(deadlock.behind()).isEmpty();
    assertThat(deadlock.key()).isEqualTo("11,12");
    assertThat(deadlock.found()).isEqualTo(FOUND);
    assertThat(deadlock.message())
        .isEqualTo(
            "Deadlock: \"worker-11\" waits for app.Ledger@b held by \"worker-12\", which waits for app.Account@a"
                + " held by \"worker-11\"");
  }

  @Test
  void threadsThatWaitForTheCyclesLocksAreBehindItNotInIt() {
    List<CapturedThread> reported = new ArrayList<>();
    reported.add(waiting(14, "app.Queue", 0xe, 13)); // 14 -> 13 -> 11, the JVM lists them all
    reported.add(waiting(13, "app.Ledger", 0xb, 11));
    reported.add(waiting(11, "app.Ledger", 0xb, 12));
    reported.add(waiting(12, "app.Account", 0xa, 11));

    List<Deadlock> deadlocks = Deadlock.among(reported, FOUND);

    assertThat(deadlocks).hasSize(1);
    assertThat(deadlocks.get(0).key()).as("only the cycle makes it the same deadlock").isEqualTo("11,12");
    assertThat(deadlocks.get(0).behind()).extracting(CapturedThread::id).containsExactly(14L, 13L);
    assertThat(deadlocks.get(0).threads()).extracting(CapturedThread::id).containsExactly(11L, 12L, 14L, 13L);
    assertThat(deadlocks.get(0).message()).endsWith("; blocked behind them: \"worker-14\", \"worker-13\"");
  }

  @Test
  void twoCyclesAreTwoDeadlocks() {
    List<Deadlock> deadlocks =
        Deadlock.among(
            List.of(
                waiting(21, "app.A", 1, 22),
                waiting(31, "app.C", 3, 33),
                waiting(22, "app.B", 2, 21),
                waiting(33, "app.D", 4, 32),
                waiting(32, "app.E", 5, 31)),
            FOUND);

    assertThat(deadlocks).extracting(Deadlock::key).containsExactly("21,22", "31,32,33");
    assertThat(deadlocks.get(1).message())
        .startsWith("Deadlock: \"worker-31\" waits for app.C@3 held by \"worker-33\", which waits for app.D@4 held by \"worker-32\"");
  }
}
