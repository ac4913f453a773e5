package io.github.panicwatch.core.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real daemon threads in the states a service has, for the tests of this package: each ends when
 * {@link #close()} interrupts it. Deadlocks here use {@link ReentrantLock#lockInterruptibly()}, so
 * that a test can end them; deadlocks on monitors, which nothing can end, are left to the adapters'
 * child-JVM tests.
 */
final class TestThreads implements AutoCloseable {
  interface Body {
    void run() throws Exception;
  }

  private final List<Thread> started = new ArrayList<>();
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

  /** A daemon thread named {@code name} running {@code body} until it ends or is interrupted. */
  Thread start(String name, Body body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (InterruptedException e) {
        // the test is over
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, name);
    thread.setDaemon(true);
    started.add(thread);
    thread.start();
    return thread;
  }

  /** "ledger-writer" and "account-writer", each holding one lock and waiting for the other's. */
  List<Thread> twoLocksDeadlocked() {
    ReentrantLock ledger = new ReentrantLock();
    ReentrantLock account = new ReentrantLock();
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    return List.of(
        start("ledger-writer", () -> takeBoth(ledger, account, bothHoldOne)),
        start("account-writer", () -> takeBoth(account, ledger, bothHoldOne)));
  }

  private static void takeBoth(ReentrantLock first, ReentrantLock second, CyclicBarrier bothHoldOne) throws Exception {
    first.lockInterruptibly();
    try {
      bothHoldOne.await();
      second.lockInterruptibly();
      second.unlock();
    } finally {
      first.unlock();
    }
  }

  /** A consumer parked on an empty queue, a sleeping thread and one in {@code Object.wait}, once they are. */
  void onlyWaiting() throws InterruptedException {
    Object signal = new Object();
    Thread consumer = start("queue-consumer", queue::take);
    Thread sleeper = start("sleeper", () -> Thread.sleep(600_000));
    Thread waiter = start("waiter", () -> {
      synchronized (signal) {
        signal.wait();
      }
    });
    awaitState(consumer, Thread.State.WAITING);
    awaitState(sleeper, Thread.State.TIMED_WAITING);
    awaitState(waiter, Thread.State.WAITING);
  }

  /** A thread parked on the queue below {@code depth} frames of its own, once it is. */
  Thread parkedDeep(String name, int depth) throws InterruptedException {
    Thread thread = start(name, () -> deep(depth, queue::take));
    awaitState(thread, Thread.State.WAITING);
    return thread;
  }

  private static void deep(int depth, Body body) throws Exception {
    if (depth == 0) {
      body.run();
    } else {
      deep(depth - 1, body);
    }
  }

  static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
    while (thread.getState() != state) {
      Thread.sleep(1); // a thread's state has no latch to wait on
    }
  }

  /** Interrupts every thread started and waits for each to end. */
  @Override
  public void close() throws InterruptedException {
    started.forEach(Thread::interrupt);
    for (Thread thread : started) {
      thread.join();
    }
  }
}
