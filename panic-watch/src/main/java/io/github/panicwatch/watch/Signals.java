package io.github.panicwatch.watch;

import java.util.Map;
import java.util.Set;

/**
 * Linux signal numbers as a child's exit code shows them ({@code 128 + n}), and which of them mean a
 * crash rather than a request to stop.
 */
final class Signals {
  static final String SIGKILL = "SIGKILL";

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
          Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
          Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
          Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"), Map.entry(24, "SIGXCPU"),
          Map.entry(25, "SIGXFSZ"), Map.entry(31, "SIGSYS"));

  /** Deaths a process does not choose: the kernel's OOM killer, faults, aborts. */
  private static final Set<String> CRASHES =
      Set.of("SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGSEGV", "SIGXCPU", "SIGXFSZ", "SIGSYS");

  private Signals() {}

  /** The signal a {@code 128 + n} exit code names, or {@code null} for any other code. */
  static String fromExitCode(int exitCode) {
    return exitCode > 128 ? NAMES.get(exitCode - 128) : null;
  }

  /** True for a signal that means the process crashed or was killed, not asked to stop. */
  static boolean isCrash(String signal) {
    return signal != null && CRASHES.contains(signal);
  }
}
