package io.github.panicwatch.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fatal-error report (hs_err file) of one JVM process, read only when it is that process's own
 * (issue 11): the text that names it is the process's output, which anyone who can make a service
 * print something controls, so the name proves nothing. A file is read only if it is named as
 * HotSpot names this process's report ({@code hs_err_pid<pid>.log}, or the process's own
 * {@code -XX:ErrorFile} with its pid), is a regular file and no symbolic link, has one link, belongs
 * to the user the process ran as, was last modified after the process started, and lies in a
 * folder of that user or root that no one else may write to (or only with the sticky bit, as
 * {@code /tmp}), so it cannot be swapped between the check and the read. At most {@link
 * #MAX_READ_BYTES} of its head are read. Otherwise nothing is read and {@link Outcome#notRead()} says
 * why.
 *
 * <p>The excerpt is the summary and the crashing thread (native and Java frames), up to the process
 * section, whose environment variables and arguments are better left on the machine. It is not
 * scrubbed here: it goes into the event, which the core's one scrubber scrubs whole.
 *
 * <p>Nothing here is particular to the watcher: the same checks serve a report that an earlier run
 * left, given its pid, its user and when it started.
 */
final class HsErrFile {
  static final int MAX_EXCERPT_LINES = 150;
  static final int MAX_EXCERPT_CHARS = 12_000;
  /** The most read of a file, whatever its lines: the excerpt never needs more. */
  static final int MAX_READ_BYTES = 65_536;
  /** HotSpot's last resort when neither {@code -XX:ErrorFile} nor the working folder can be written. */
  static final Path HOTSPOT_TEMP_DIRECTORY = Path.of("/tmp");

  private static final String PROCESS_SECTION = "---------------  P R O C E S S";
  private static final int OTHERS_WRITE = 0002;
  private static final int GROUP_WRITE = 0020;
  private static final int STICKY = 01000;
  private static final long ROOT = 0;

  private HsErrFile() {}

  /**
   * What reading a process's report gave: the file and its excerpt, or why there is none.
   *
   * @param file the file read, {@code null} if none was
   * @param excerpt its head, {@code null} if none was read
   * @param notRead why nothing was read, {@code null} if a file was
   */
  record Outcome(Path file, String excerpt, String notRead) {
    static Outcome refused(Path file, String why) {
      return new Outcome(null, null, file + " " + why);
    }
  }

  /**
   * The report of the process {@code pid}.
   *
   * @param named the path its fatal-error banner names, {@code null} if none: read only if it is
   *     one of this process's names
   * @param errorFile the file its {@code -XX:ErrorFile} names for it, {@code null} if not given
   * @param workingDirectory its working folder, where HotSpot writes the report by default
   * @param uid the user it ran as
   * @param startedAt when it started
   */
  static Outcome find(String named, Path errorFile, long pid, Path workingDirectory, long uid, Instant startedAt) {
    String defaultName = "hs_err_pid" + pid + ".log";
    if (named != null) {
      Path path;
      try {
        path = workingDirectory.resolve(named).normalize();
      } catch (InvalidPathException e) {
        return new Outcome(null, null, "the banner names no usable path");
      }
      if (!path.equals(errorFile) && (path.getFileName() == null || !path.getFileName().toString().equals(defaultName))) {
        return Outcome.refused(path, "is not this child's report: pid " + pid + " writes " + defaultName
            + (errorFile == null ? "" : " or " + errorFile));
      }
      return read(path, uid, startedAt);
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
      Outcome outcome = read(location, uid, startedAt);
      if (outcome.excerpt() != null) {
        return outcome;
      }
      refusals.add(outcome.notRead());
    }
    return new Outcome(null, null, String.join("; ", refusals));
  }

  /** The report at {@code file} if it passes every check of the class comment. */
  static Outcome read(Path file, long uid, Instant startedAt) {
    Map<String, Object> attributes;
    Map<String, Object> folder;
    try {
      attributes = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
      folder = Files.readAttributes(file.toAbsolutePath().getParent(), "unix:uid,mode");
    } catch (NoSuchFileException e) {
      return Outcome.refused(file, "does not exist");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Outcome.refused(file, "cannot be checked (" + e + ")");
    }
    String refusal = refusal(attributes, folder, uid, startedAt);
    if (refusal != null) {
      return Outcome.refused(file, refusal);
    }
    // no symlink followed even if one was put there since the check; the folder's rules keep
    // anyone but its owner and root from swapping the file itself (no FIFO to block the open)
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return new Outcome(file, excerpt(in.readNBytes(MAX_READ_BYTES)), null);
    } catch (IOException e) {
      return Outcome.refused(file, "cannot be read (" + e + ")");
    }
  }

  /** Why a file with these attributes, in a folder with these, is not the report; {@code null} if it is. */
  private static String refusal(Map<String, Object> file, Map<String, Object> folder, long uid, Instant startedAt) {
    if (Boolean.TRUE.equals(file.get("isSymbolicLink"))) {
      return "is a symbolic link";
    }
    if (!Boolean.TRUE.equals(file.get("isRegularFile"))) {
      return "is not a regular file";
    }
    long owner = ((Number) file.get("uid")).longValue();
    if (owner != uid) {
      return "belongs to uid " + owner + ", not to uid " + uid + " the child ran as";
    }
    int links = ((Number) file.get("nlink")).intValue();
    if (links != 1) {
      return "has " + links + " hard links: another name for some other file";
    }
    Instant modified = ((FileTime) file.get("lastModifiedTime")).toInstant();
    if (modified.isBefore(startedAt)) {
      return "was last modified at " + modified + ", before the child started: an earlier process's";
    }
    long folderOwner = ((Number) folder.get("uid")).longValue();
    int folderMode = ((Number) folder.get("mode")).intValue();
    if (folderOwner != uid && folderOwner != ROOT) {
      return "is in a folder of uid " + folderOwner + ", who could have put it there";
    }
    if ((folderMode & (GROUP_WRITE | OTHERS_WRITE)) != 0 && (folderMode & STICKY) == 0) {
      return "is in a folder that group or others may write to, without the sticky bit: it could have been swapped";
    }
    return null;
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
