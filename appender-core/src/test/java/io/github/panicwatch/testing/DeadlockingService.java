package io.github.panicwatch.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The service of {@link DeadlockScenarios}, run in a child JVM by each adapter's child main once it
 * configured its framework: it logs a line, starts threads that only wait (one parked on a queue,
 * one sleeping) and, unless told to only wait, two that deadlock, prints {@value #READY} with the
 * time, then waits for a line on stdin, logs one ordinary panic and exits. Deadlocked threads can
 * never be ended: only the end of the JVM frees them.
 */
public final class DeadlockingService {
  /**
   * Printed, followed by the epoch milliseconds, once the threads are in place: the deadlocking
   * ones each holding one lock and about to wait for the other.
   */
  public static final String READY = "READY at ";
  /** The message of the panic logged before exiting. */
  public static final String STOPPING = "service stopping";
  /** The monitor deadlock's threads; one name has a secret in it, which must not leave the process. */
  public static final String LEDGER_WRITER = "ledger-writer";
  public static final String ACCOUNT_WRITER = "account-writer token=hunter2";

  /** How the child logs through its framework. */
  public interface Log {
    void info(String line);

    void panic(String line);
  }

  /** A monitor of a class of its own, so the message can be seen to name it. */
  public static final class Ledger {}

  /** The other monitor. */
  public static final class Account {}

  private DeadlockingService() {}

  /**
   * @param kind {@code monitors}: two {@code synchronized} blocks taken in opposite order; {@code
   *     locks}: two {@code ReentrantLock}s; {@code waits}: no deadlock, only the waiting threads
   * @param afterMillis how long to wait, once told on stdin, before the last panic: a few more checks
   */
  public static void run(String kind, long afterMillis, Log log) throws Exception {
    log.info("service started");
    LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    daemon("queue-consumer", () -> queue.take());
    daemon("sleeper", () -> Thread.sleep(Long.MAX_VALUE));
    CountDownLatch waitingForSecond = new CountDownLatch(kind.equals("waits") ? 0 : 2);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    if (kind.equals("monitors")) {
      Ledger ledger = new Ledger();
      Account account = new Account();
      daemon(LEDGER_WRITER, () -> inOrder(ledger, account, bothHoldOne, waitingForSecond));
      daemon(ACCOUNT_WRITER, () -> inOrder(account, ledger, bothHoldOne, waitingForSecond));
    } else if (kind.equals("locks")) {
      ReentrantLock ledger = new ReentrantLock();
      ReentrantLock account = new ReentrantLock();
      daemon(LEDGER_WRITER, () -> inOrder(ledger, account, bothHoldOne, waitingForSecond));
      daemon(ACCOUNT_WRITER, () -> inOrder(account, ledger, bothHoldOne, waitingForSecond));
    }
    waitingForSecond.await();
    System.out.println(READY + System.currentTimeMillis());
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    Thread.sleep(afterMillis);
    log.panic(STOPPING);
    System.exit(0);
  }

  private static void inOrder(Object first, Object second, CyclicBarrier bothHoldOne, CountDownLatch waitingForSecond)
      throws Exception {
    synchronized (first) {
      bothHoldOne.await();
      waitingForSecond.countDown(); // a moment before it blocks: the test waits for the JVM's verdict anyway
      synchronized (second) {
        throw new AssertionError("a deadlock that did not happen");
      }
    }
  }

  private static void inOrder(
      ReentrantLock first, ReentrantLock second, CyclicBarrier bothHoldOne, CountDownLatch waitingForSecond)
      throws Exception {
    first.lock();
    bothHoldOne.await();
    waitingForSecond.countDown();
    second.lock();
    throw new AssertionError("a deadlock that did not happen");
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void daemon(String name, Body body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, name);
    thread.setDaemon(true); // System.exit does not wait for threads anyway; this keeps main's end the end
    thread.start();
  }
}
