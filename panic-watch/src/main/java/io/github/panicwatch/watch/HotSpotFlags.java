package io.github.panicwatch.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two HotSpot flags of the child that say where its fatal-error report goes and how it ends
 * after one: {@code -XX:ErrorFile=} and {@code -XX:±CreateCoredumpOnCrash}. They are read from what
 * the operator gave the child, never from its output: its command line (every argument, as the JVM
 * may be started by a shell in front of it) and the variables the JVM reads its options from,
 * {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS}, in the order
 * HotSpot applies them; the last setting counts. Options files ({@code @argfile},
 * {@code -XX:Flags=}, {@code -XX:VMOptionsFile=}) are not read.
 *
 * @param errorFile the {@code -XX:ErrorFile} pattern, {@code null} when none is given
 * @param createCoredumpOnCrash the flag's value (HotSpot's default: on)
 */
record HotSpotFlags(String errorFile, boolean createCoredumpOnCrash) {
  /** The exit code of a JVM killed by SIGABRT, as its fatal-error handler ends by default. */
  static final int ABORT_EXIT_CODE = 134;

  private static final String ERROR_FILE = "-XX:ErrorFile=";
  private static final String CORE_DUMP_ON = "-XX:+CreateCoredumpOnCrash";
  private static final String CORE_DUMP_OFF = "-XX:-CreateCoredumpOnCrash";

  /**
   * @param command the child's command line
   * @param environment the child's environment (the watcher's own)
   */
  static HotSpotFlags of(List<String> command, Map<String, String> environment) {
    List<String> options = new ArrayList<>(words(environment.get("JAVA_TOOL_OPTIONS")));
    options.addAll(words(environment.get("JDK_JAVA_OPTIONS"))); // the launcher puts them before the command line's
    options.addAll(command);
    options.addAll(words(environment.get("_JAVA_OPTIONS"))); // applied last, over everything
    String errorFile = null;
    boolean coreDump = true;
    for (String option : options) {
      if (option.startsWith(ERROR_FILE)) {
        errorFile = option.substring(ERROR_FILE.length());
      } else if (option.equals(CORE_DUMP_ON)) {
        coreDump = true;
      } else if (option.equals(CORE_DUMP_OFF)) {
        coreDump = false;
      }
    }
    return new HotSpotFlags(errorFile == null || errorFile.isEmpty() ? null : errorFile, coreDump);
  }

  /**
   * The exit code a JVM with these flags ends with after a fatal error unless a signal kills it
   * first: 134 (it aborts), or 1 with {@code -XX:-CreateCoredumpOnCrash} (it calls {@code _exit(1)}).
   */
  int fatalErrorExitCode() {
    return createCoredumpOnCrash ? ABORT_EXIT_CODE : 1;
  }

  /**
   * The file {@code -XX:ErrorFile} names for the process {@code pid}, {@code null} when not given:
   * {@code %p} becomes the pid and {@code %%} a {@code %}, as HotSpot expands it; a relative path
   * is taken from {@code workingDirectory}.
   */
  Path errorFile(long pid, Path workingDirectory) {
    if (errorFile == null) {
      return null;
    }
    StringBuilder expanded = new StringBuilder();
    for (int i = 0; i < errorFile.length(); i++) {
      char c = errorFile.charAt(i);
      char next = i + 1 < errorFile.length() ? errorFile.charAt(i + 1) : 0;
      if (c == '%' && next == 'p') {
        expanded.append(pid);
        i++;
      } else if (c == '%' && next == '%') {
        expanded.append('%');
        i++;
      } else {
        expanded.append(c); // any other %, HotSpot keeps as it is
      }
    }
    return workingDirectory.resolve(expanded.toString()).normalize();
  }

  /** An options variable split as the JVM splits it: at white space. */
  private static List<String> words(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }
}
