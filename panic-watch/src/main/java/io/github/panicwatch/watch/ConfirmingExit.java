package io.github.panicwatch.watch;

/**
 * How the child must have ended for a piece of crash text in its output to count as a crash
 * (issue 11). A service prints what its users send it, so a line that only looks like a crash
 * proves nothing: each kind of text counts only together with the ending that the runtime printing
 * it really has. Each {@link Detector} says which ending its text needs; {@link CrashReporter}
 * checks it against the child's exit.
 */
enum ConfirmingExit {
  /**
   * Any ending: the text does not end the process. An uncaught exception in a thread other than
   * {@code main} kills that thread only, so no exit code confirms or refutes it.
   */
  ANY,
  /**
   * A non-zero exit code, a death by signal included: the java launcher exits 1 when {@code main}
   * dies of an uncaught exception, a Go panic exits 2 (panicwrap's own rule).
   */
  NON_ZERO,
  /** Exit code 3: {@code -XX:+ExitOnOutOfMemoryError} ends the JVM with it, right after its line. */
  EXIT_CODE_3,
  /**
   * A death by a crash signal (HotSpot's fatal-error handler ends with SIGABRT, exit code 134), or
   * the exit code 1 HotSpot ends with instead where the child's flags turn
   * {@code CreateCoredumpOnCrash} off ({@link io.github.panicwatch.core.crash.HotSpotFlags}).
   */
  FATAL_ERROR
}
