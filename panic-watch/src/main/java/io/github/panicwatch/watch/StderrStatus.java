package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.io.PrintStream;

/**
 * The watcher's own messages, on its stderr with a {@code panic-watch:} prefix: warnings and errors
 * always, information only with {@code --verbose}, so a healthy watcher adds nothing to the
 * child's output.
 */
final class StderrStatus implements StatusSink {
  /** What each of the watcher's own lines starts with. */
  static final String PREFIX = "panic-watch: ";

  private final PrintStream err;
  private final boolean verbose;

  StderrStatus(PrintStream err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  @Override
  public void info(String message) {
    if (verbose) {
      print("", message, null);
    }
  }

  @Override
  public void warn(String message, Throwable cause) {
    print("warning: ", message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    print("error: ", message, cause);
  }

  private synchronized void print(String level, String message, Throwable cause) {
    err.println(PREFIX + level + message + (cause == null ? "" : " (" + cause + ")"));
    err.flush();
  }
}
