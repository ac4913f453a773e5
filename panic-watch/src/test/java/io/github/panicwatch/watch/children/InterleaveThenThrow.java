package io.github.panicwatch.watch.children;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says whether its stdout and stderr are regular files (so a run under the watcher shows whether
 * the child got the file itself), writes lines to both by turns, each flushed, then dies of an
 * uncaught exception in main.
 */
public final class InterleaveThenThrow {
  public static void main(String[] args) {
    System.out.println("stdout is a regular file: " + Files.isRegularFile(Path.of("/proc/self/fd/1")));
    System.out.flush();
    System.err.println("stderr is a regular file: " + Files.isRegularFile(Path.of("/proc/self/fd/2")));
    System.err.flush();
    System.out.println("ready");
    System.out.flush();
    System.err.println("connecting as admin password=hunter2");
    System.err.println("loading the index");
    System.err.flush();
    throw new IllegalStateException("cannot load index.db", new IllegalArgumentException("no such file"));
  }
}
