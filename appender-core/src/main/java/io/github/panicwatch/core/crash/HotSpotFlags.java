package io.github.panicwatch.core.crash;

import java.lang.management.ManagementFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The two HotSpot flags of a JVM that say where its fatal-error report goes and how it ends after
 * one: {@code -XX:ErrorFile=} and {@code -XX:±CreateCoredumpOnCrash}. They are read from what the
 * operator gave the JVM, never from its output: for the watcher's child, its command line (every
 * argument, as the JVM may be started by a shell in front of it) and the variables the JVM reads
 * its options from, {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} and {@code _JAVA_OPTIONS},
 * in the order HotSpot applies them; for the running JVM, its input arguments, which hold them all
 * in that order. The last setting counts. Options files ({@code @argfile}, {@code -XX:Flags=},
 * {@code -XX:VMOptionsFile=}) are not read.
 *
 * @param errorFile the {@code -XX:ErrorFile} pattern, {@code null} when none is given
 * @param createCoredumpOnCrash the flag's value (HotSpot's default: on)
 */
public record HotSpotFlags(String errorFile, boolean createCoredumpOnCrash) {
  /** The exit code of a JVM killed by SIGABRT, as its fatal-error handler ends by default. */
  public static final int ABORT_EXIT_CODE = 134;

  private static final String ERROR_FILE = "-XX:ErrorFile=";
  private static final String CORE_DUMP_ON = "-XX:+CreateCoredumpOnCrash";
  private static final String CORE_DUMP_OFF = "-XX:-CreateCoredumpOnCrash";

  /**
   * @param command the child's command line
   * @param environment the child's environment (the watcher's own)
   */
  public static HotSpotFlags of(List<String> command, Map<String, String> environment) {
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
  public int fatalErrorExitCode() {
    return createCoredumpOnCrash ? ABORT_EXIT_CODE : 1;
  }

  /**
   * The file {@code -XX:ErrorFile} names for the process {@code pid}, {@code null} when not given:
   * {@code %p} becomes the pid and {@code %%} a {@code %}, as HotSpot expands it; a relative path
   * is taken from {@code workingDirectory}.
   */
  public Path errorFile(long pid, Path workingDirectory) {
    if (errorFile == null) {
      return null;
    }
    return workingDirectory.resolve(expand(errorFile, Long.toString(pid))).normalize();
  }

  /**
   * The flags of the running JVM, from its input arguments ({@code JAVA_TOOL_OPTIONS} and the other
   * variables included); where the runtime lacks {@code java.management}, from its command line and
   * those variables.
   */
  public static HotSpotFlags ofThisJvm() {
    try {
      return of(ManagementFactory.getRuntimeMXBean().getInputArguments(), Map.of());
    } catch (LinkageError | RuntimeException e) {
      return of(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()), System.getenv());
    }
  }

  /**
   * Where the reports of every process with these flags go by {@code -XX:ErrorFile}: its folder,
   * and its file name with {@code %p} as any pid; {@code null} when no {@code -XX:ErrorFile} is
   * given, or when {@code %p} stands in a folder's name (the folders are then not searched).
   */
  public ReportLocation errorFileLocation(Path workingDirectory) {
    if (errorFile == null) {
      return null;
    }
    Path file;
    try {
      file = workingDirectory.resolve(errorFile.replace("%p", "0").replace("%%", "%")).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
    int slash = errorFile.lastIndexOf('/');
    if (file.getParent() == null || (slash >= 0 && errorFile.substring(0, slash).contains("%p"))) {
      return null;
    }
    String name = errorFile.substring(slash + 1);
    return new ReportLocation(file.getParent(), Pattern.compile(expand(name, null)));
  }

  /**
   * {@code pattern} with {@code %p} as {@code pid} and {@code %%} as {@code %}, as HotSpot expands
   * it; with {@code pid} {@code null}, a regular expression of every such name instead, its first
   * {@code %p} a group of digits and every later one the same digits.
   */
  private static String expand(String pattern, String pid) {
    StringBuilder expanded = new StringBuilder();
    boolean pidSeen = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
      String literal;
      if (c == '%' && next == 'p') {
        i++;
        literal = null;
        expanded.append(pid != null ? pid : pidSeen ? "\\1" : "([0-9]+)");
        pidSeen = true;
      } else if (c == '%' && next == '%') {
        i++;
        literal = "%";
      } else {
        literal = String.valueOf(c); // any other %, HotSpot keeps as it is
      }
      if (literal != null) {
        expanded.append(pid != null ? literal : Pattern.quote(literal));
      }
    }
    return expanded.toString();
  }

  /** An options variable split as the JVM splits it: at white space. */
  private static List<String> words(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }
}
