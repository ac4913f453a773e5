package io.github.panicwatch.core;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.storage.Disk;
import io.github.panicwatch.core.storage.LineFile;
import io.github.panicwatch.core.storage.PrivateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
  /** More than any child's uncaught exceptions could fill; the file is the child's to write. */
  private static final int MAX_BYTES = 1 << 20;

  private WatcherHandOff() {}

  /** One throwable the appender reported: its class and the thread that died of it. */
  public record Reported(String exceptionType, String threadName) {}

  /**
   * The path of a hand-off file, {@code handoff-<stamp>.txt} in this user's private folder, without
   * touching the disk: the watcher names it in the child's environment before the child starts,
   * and makes it with {@link #create} right after.
   */
  public static Path plan(long stamp) {
    return PrivateFolder.userFolder()
        .resolve(new StringBuilder("handoff-").append(stamp).append(".txt").toString());
  }

  /**
   * Makes the planned hand-off file: new, empty, mode 0600, in this user's private folder (README
   * "Security").
   *
   * @return false when the planned folder is not this user's private folder (a WARN said why):
   *     then nothing is made there, and nothing there is read
   */
  public static boolean create(Path planned, StatusSink status) throws IOException {
    PrivateFolder folder = PrivateFolder.open(planned.getParent(), status);
    if (!folder.path().equals(planned.getParent())) {
      return false;
    }
    folder.createNew(planned.getFileName().toString());
    return true;
  }

  /** Notes that the in-process handler reported this throwable; a no-op when no watcher watches. */
  static void reported(Thread thread, Throwable throwable) {
    String path = System.getenv(ENVIRONMENT_VARIABLE);
    if (path != null && !path.isBlank()) {
      append(Path.of(path), new Reported(throwable.getClass().getName(), thread.getName()));
    }
  }

  static void append(Path file, Reported reported) {
    String line =
        UNCAUGHT + '\t' + reported.exceptionType() + '\t' + reported.threadName().replace('\n', ' ').replace('\r', ' ');
    try {
      // only into the watcher's file as it made it: never through a symbolic link, never a file
      // of another user, never made here
      LineFile.at(file, Disk.REAL).append(line.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException | RuntimeException e) {
      // no hand-off: at worst the watcher reports this panic a second time
    }
  }

  /** The throwables reported into {@code file}, in order; empty when it is missing, refused or unreadable. */
  public static List<Reported> read(Path file) {
    List<Reported> reported = new ArrayList<>();
    try {
      for (String line : LineFile.at(file, Disk.REAL).readLines(MAX_BYTES)) {
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
