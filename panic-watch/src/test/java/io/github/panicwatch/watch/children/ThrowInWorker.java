package io.github.panicwatch.watch.children;

/** A worker thread dies of an uncaught exception; main waits for it, goes on and exits 0. */
public final class ThrowInWorker {
  public static void main(String[] args) throws InterruptedException {
    System.err.println("starting worker");
    Thread worker = new Thread(() -> {
      throw new UnsupportedOperationException("worker gave up");
    }, "worker-1");
    worker.start();
    worker.join();
    System.out.println("main goes on");
  }
}
