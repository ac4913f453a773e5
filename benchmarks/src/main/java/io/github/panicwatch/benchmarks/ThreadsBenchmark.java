package io.github.panicwatch.benchmarks;

import io.github.panicwatch.core.threads.CapturedThreads;
import io.github.panicwatch.core.threads.Deadlock;
import io.github.panicwatch.core.threads.DeadlockFinder;
import io.github.panicwatch.core.threads.ThreadCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the thread options cost in a JVM of many threads (README "Threads" and "Deadlocks"). The JVM
 * holds {@code threads} idle threads as a big service does (a third parked on a queue, a third
 * sleeping, a third each holding a monitor and parked), and no deadlock; {@code threads=0} is the
 * baseline of the same run, a JVM with only JMH's own threads.
 *
 * <p>{@link #deadlockCheck}: one check of {@code detectDeadlocks} (issue 18), the call the
 * engine's deadlock watch makes every {@code deadlockCheckInterval}, in its usual case (none found).
 * The JVM answers it with every thread stopped, so its time is also the upper bound of the pause it
 * puts on the service. {@link #captureAtPanic}: what {@code attachThreads} adds to the logging
 * thread at a panic (issue 15), every thread's state and top frames, bounded as in the engine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ThreadsBenchmark {
  @Param({"0", "1000"})
  public int threads;

  private final DeadlockFinder finder = new DeadlockFinder();
  private final ThreadCapture capture = new ThreadCapture();
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch end = new CountDownLatch(1);
  private final List<Thread> started = new ArrayList<>();

  @Setup
  public void startThreads() {
    for (int i = 0; i < threads; i++) {
      Runnable body =
          switch (i % 3) {
            case 0 -> () -> awaitQuietly(() -> queue.take());
            case 1 -> () -> awaitQuietly(() -> end.await(1, TimeUnit.DAYS));
            default -> () -> {
              Object monitor = new Object();
              synchronized (monitor) {
                awaitQuietly(() -> end.await());
              }
            };
          };
      Thread thread = new Thread(body, "idle-" + i);
      thread.setDaemon(true);
      thread.start();
      started.add(thread);
    }
  }

  @TearDown
  public void endThreads() throws InterruptedException {
    end.countDown();
    for (Thread thread : started) {
      thread.interrupt();
      thread.join();
    }
  }

  @Benchmark
  public List<Deadlock> deadlockCheck() {
    return finder.find();
  }

  @Benchmark
  public int captureAtPanic() {
    try (CapturedThreads captured = capture.atPanic(Thread.currentThread())) {
      return captured.threads().size();
    }
  }

  private interface Wait {
    void run() throws InterruptedException;
  }

  private static void awaitQuietly(Wait wait) {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
