package io.github.panicwatch.core.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JVM's own verdict on this JVM's real threads (issue 18), read through {@link DeadlockFinder}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlockFinderTest {
  private final DeadlockFinder finder = new DeadlockFinder();
  private final TestThreads threads = new TestThreads();

  @AfterEach
  void endThreads() throws InterruptedException {
    threads.close();
  }

  @Test
  void twoThreadsDeadlockedOnTwoReentrantLocksAreOneDeadlockNamingTheLocksTheyHoldAndWaitFor() throws Exception {
    List<Thread> pair = threads.twoLocksDeadlocked();

    List<Deadlock> deadlocks = awaitDeadlocks();

    assertThat(deadlocks).hasSize(1);
    Deadlock deadlock = deadlocks.get(0);
    assertThat(deadlock.cycle()).extracting(CapturedThread::name).containsExactlyInAnyOrder("ledger-writer", "account-writer");
    assertThat(deadlock.key()).isEqualTo(pair.stream().map(thread -> Long.toString(thread.getId())).sorted().reduce((a, b) -> a + "," + b).orElseThrow());
    for (CapturedThread thread : deadlock.cycle()) {
      assertThat(thread.crashed()).isTrue();
      assertThat(thread.state()).isEqualTo(Thread.State.WAITING);
      assertThat(thread.waitingFor().className()).isEqualTo("java.util.concurrent.locks.ReentrantLock$NonfairSync");
      assertThat(thread.held()).hasSize(1);
      CapturedThread other = deadlock.cycle().stream().filter(t -> t != thread).findFirst().orElseThrow();
      assertThat(thread.waitingFor().ownerId()).isEqualTo(other.id());
      assertThat(thread.waitingFor().identityHashCode()).isEqualTo(other.held().get(0).identityHashCode());
      assertThat(thread.stack()).extracting(StackTraceElement::getClassName).anyMatch(name -> name.equals(TestThreads.class.getName()));
    }
    assertThat(deadlock.message())
        .matches("Deadlock: \"(ledger|account)-writer\" waits for java.util.concurrent.locks.ReentrantLock\\$NonfairSync@\\p{XDigit}+"
            + " held by \"(ledger|account)-writer\", which waits for java.util.concurrent.locks.ReentrantLock\\$NonfairSync@\\p{XDigit}+"
            + " held by \"(ledger|account)-writer\"");
  }

  @Test
  void threadsThatOnlyWaitSleepOrAreBlockedForAMomentAreNoDeadlock() throws Exception {
    threads.onlyWaiting();
    Object monitor = new Object();
    synchronized (monitor) {
      Thread blocked = threads.start("blocked-for-a-moment", () -> {
        synchronized (monitor) {
          monitor.notifyAll();
        }
      });
      TestThreads.awaitState(blocked, Thread.State.BLOCKED);

      assertThat(finder.find()).isEmpty();
    }
  }

  /** The pair is waiting once both hold their first lock; until the second park the JVM may not see it. */
  private List<Deadlock> awaitDeadlocks() throws InterruptedException {
    List<Deadlock> deadlocks = finder.find();
    while (deadlocks.isEmpty()) {
      Thread.sleep(5); // the JVM's verdict has no latch to wait on
      deadlocks = finder.find();
    }
    return deadlocks;
  }
}
