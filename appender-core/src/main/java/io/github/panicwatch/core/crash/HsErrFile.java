package io.github.panicwatch.core.crash;

import io.github.panicwatch.core.storage.ForeignFile;
import io.github.panicwatch.core.storage.RefusedFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fatal-error report (hs_err file) of one JVM process, read only when it is that process's own
 * (issue 11): the text that names it is the process's output, which anyone who can make a service
 * print something controls, so the name proves nothing. A file is read only if it is named as
 * HotSpot names that process's report ({@code hs_err_pid<pid>.log}, or the process's own
 * {@code -XX:ErrorFile} with its pid), passes the checks of {@link ForeignFile} (a regular file of
 * the process's user, no symbolic link, one hard link, in a folder nobody else can swap it in), and
 * was last modified when that process could have written it: after the watcher's child started, or
 * (issue 16) before the JVM that reports an earlier run's crash started. At most {@link
 * #MAX_READ_BYTES} of its head are read. Otherwise nothing is read and {@link Outcome#notRead()}
 * says why.
 *
 * <p>The excerpt is the summary and the crashing thread (native and Java frames), up to the process
 * section, whose environment variables and arguments are better left on the machine. It is not
 * scrubbed here: it goes into the event, which the core's one scrubber scrubs whole.
 */
public final class HsErrFile {
  public static final String FILE_EXTRA = "hs_err_file";
  public static final String EXCERPT_EXTRA = "hs_err_excerpt";
  public static final String NOT_READ_EXTRA = "hs_err_not_read";
  static final int MAX_EXCERPT_LINES = 150;
  static final int MAX_EXCERPT_CHARS = 12_000;
  /** The most read of a file, whatever its lines: the excerpt never needs more. */
  public static final int MAX_READ_BYTES = 65_536;
  /** HotSpot's last resort when neither {@code -XX:ErrorFile} nor the working folder can be written. */
  static final Path HOTSPOT_TEMP_DIRECTORY = Path.of("/tmp");

  private static final String PROCESS_SECTION = "---------------  P R O C E S S";

  private HsErrFile() {}

  /**
   * What reading a process's report gave: the file and its excerpt, or why there is none.
   *
   * @param report the file read, {@code null} if none was
   * @param excerpt its head, {@code null} if none was read
   * @param notRead why nothing was read, {@code null} if a file was
   */
  public record Outcome(ForeignFile.Checked report, String excerpt, String notRead) {
    static Outcome refused(Path file, String why) {
      return new Outcome(null, null, file + ": " + why);
    }

    /** The file read, {@code null} if none was. */
    public Path file() {
      return report == null ? null : report.path();
    }

    /** The event's extras: {@code hs_err_file} and {@code hs_err_excerpt}, or {@code hs_err_not_read}. */
    public Map<String, Object> extras() {
      Map<String, Object> extras = new LinkedHashMap<>();
      if (report != null) {
        extras.put(FILE_EXTRA, report.path().toString());
        extras.put(EXCERPT_EXTRA, excerpt); // scrubbed with the whole event
      } else {
        extras.put(NOT_READ_EXTRA, notRead);
      }
      return extras;
    }
  }

  /**
   * The report of the watcher's child {@code pid}, which started at {@code startedAt}.
   *
   * @param named the path its fatal-error banner names, {@code null} if none: read only if it is
   *     one of this process's names
   * @param errorFile the file its {@code -XX:ErrorFile} names for it, {@code null} if not given
   * @param workingDirectory its working folder, where HotSpot writes the report by default
   * @param uid the user it ran as
   */
  public static Outcome find(String named, Path errorFile, long pid, Path workingDirectory, int uid, Instant startedAt) {
    String defaultName = "hs_err_pid" + pid + ".log";
    if (named != null) {
      Path path;
      try {
        path = workingDirectory.resolve(named).normalize();
      } catch (InvalidPathException e) {
        return new Outcome(null, null, "the banner names no usable path");
      }
      if (!path.equals(errorFile) && (path.getFileName() == null || !path.getFileName().toString().equals(defaultName))) {
        return new Outcome(null, null, path + " is not this child's report: pid " + pid + " writes " + defaultName
            + (errorFile == null ? "" : " or " + errorFile));
      }
      return readOwn(path, uid, startedAt);
    }
    // no name given: where HotSpot tries to write it, in its order
    List<Path> locations = new ArrayList<>();
    if (errorFile != null) {
      locations.add(errorFile);
    }
    locations.add(workingDirectory.resolve(defaultName));
    locations.add(HOTSPOT_TEMP_DIRECTORY.resolve(defaultName));
    List<String> refusals = new ArrayList<>();
    for (Path location : locations) {
      Outcome outcome = readOwn(location, uid, startedAt);
      if (outcome.excerpt() != null) {
        return outcome;
      }
      refusals.add(outcome.notRead());
    }
    return new Outcome(null, null, String.join("; ", refusals));
  }

  /** The report at {@code file} of a process that started at {@code startedAt}, if it passes every check. */
  public static Outcome readOwn(Path file, int uid, Instant startedAt) {
    return read(file, uid, startedAt, null);
  }

  /**
   * The report at {@code file} of an earlier process, one that died before the JVM reading it
   * started at {@code thisJvmStarted}, if it passes every check.
   */
  public static Outcome readEarlier(Path file, int uid, Instant thisJvmStarted) {
    return read(file, uid, null, thisJvmStarted);
  }

  private static Outcome read(Path file, int uid, Instant notBefore, Instant before) {
    ForeignFile.Checked report;
    try {
      report = ForeignFile.check(file, uid);
    } catch (NoSuchFileException e) {
      return Outcome.refused(file, "it does not exist");
    } catch (RefusedFileException e) {
      return Outcome.refused(file, e.reason());
    } catch (IOException | RuntimeException e) {
      return Outcome.refused(file, "it cannot be checked (" + e + ")");
    }
    Instant modified = report.lastModified();
    if (notBefore != null && modified.isBefore(notBefore)) {
      return Outcome.refused(file, "it was last modified at " + modified + ", before the child started: an earlier process's");
    }
    if (before != null && !modified.isBefore(before)) {
      return Outcome.refused(file, "it was last modified at " + modified + ", after this JVM started: not an earlier run's");
    }
    try {
      return new Outcome(report, excerpt(ForeignFile.readHead(report, MAX_READ_BYTES)), null);
    } catch (RefusedFileException e) {
      return Outcome.refused(file, e.reason());
    } catch (IOException | RuntimeException e) {
      return Outcome.refused(file, "it cannot be read (" + e + ")");
    }
  }

  /** The head of the report up to the process section, bounded. */
  static String excerpt(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8); // a malformed byte becomes U+FFFD
    StringBuilder excerpt = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      String line;
      int lines = 0;
      while ((line = reader.readLine()) != null && !line.startsWith(PROCESS_SECTION)) {
        if (lines++ == MAX_EXCERPT_LINES || excerpt.length() + line.length() > MAX_EXCERPT_CHARS) {
          excerpt.append("…[truncated]\n");
          break;
        }
        excerpt.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new IllegalStateException("a StringReader does not fail", e);
    }
    return excerpt.toString();
  }
}
