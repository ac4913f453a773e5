package io.github.panicwatch.watch.children;

/**
 * Says {@code ready} and sleeps until a signal ends it; a SIGTERM runs its shutdown hook, which says
 * goodbye on stdout.
 */
public final class WaitToBeStopped {
  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("child stopping")));
    System.err.println("worker 3 holds the lock");
    System.out.println("ready");
    Thread.sleep(120_000);
  }
}
