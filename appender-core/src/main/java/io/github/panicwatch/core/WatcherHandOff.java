package io.github.panicwatch.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-off between the panic-watch watcher and the appender inside the process it watches, so
 * an uncaught exception is reported once, not by both. The watcher creates an empty file and
 * names it in the child's environment variable {@value #ENVIRONMENT_VARIABLE}; the appender's
 * uncaught-exception handler, after it has reported a throwable, appends one line for it, before
 * the trace is printed. After the child has exited the watcher reads the file and skips, for each
 * line, one {@code Exception in thread "…" type} trace with the same thread name and type.
 *
 * <p>A file rather than a line on stderr keeps the child's output byte-identical with and without
 * the watcher. Line format: {@code uncaught<TAB>exception class<TAB>thread name}. See the README
 * section "panic-watch: the watcher process".
 */
public final class WatcherHandOff {
  /** Set by the watcher for its child: the path of the hand-off file. */
  public static final String ENVIRONMENT_VARIABLE = "PANICWATCH_HANDOFF_FILE";

  private static final String UNCAUGHT = "uncaught";

  private WatcherHandOff() {}

  /** One throwable the appender reported: its class and the thread that died of it. */
  public record Reported(String exceptionType, String threadName) {}

  /** Notes that the in-process handler reported this throwable; a no-op when no watcher watches. */
  static void reported(Thread thread, Throwable throwable) {
    String path = System.getenv(ENVIRONMENT_VARIABLE);
    if (path != null && !path.isBlank()) {
      append(Path.of(path), new Reported(throwable.getClass().getName(), thread.getName()));
    }
  }

  static synchronized void append(Path file, Reported reported) {
    String line =
        UNCAUGHT + '\t' + reported.exceptionType() + '\t'
            + reported.threadName().replace('\n', ' ').replace('\r', ' ') + '\n';
    try {
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      // no hand-off: at worst the watcher reports this panic a second time
    }
  }

  /** The throwables reported into {@code file}, in order; empty when it is missing or unreadable. */
  public static List<Reported> read(Path file) {
    List<Reported> reported = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] fields = line.split("\t", 3);
        if (fields.length == 3 && fields[0].equals(UNCAUGHT)) {
          reported.add(new Reported(fields[1], fields[2]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // nothing handed off: the watcher reports what it saw
    }
    return reported;
  }
}
