package io.github.panicwatch.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hs_err file of a JVM fatal error: where it is, and the part worth sending. HotSpot writes it
 * where the banner says; if the banner names none, where {@code -XX:ErrorFile=…} put it
 * ({@code %p} is the pid), else {@code hs_err_pid<pid>.log} in the working directory or the temp
 * directory. The excerpt is the summary and the crashing thread (native and Java frames), up to the
 * process section, whose environment variables and arguments are better left on the machine.
 */
final class HsErrFile {
  static final int MAX_EXCERPT_LINES = 150;
  static final int MAX_EXCERPT_CHARS = 12_000;
  private static final String PROCESS_SECTION = "---------------  P R O C E S S";
  private static final String ERROR_FILE_FLAG = "-XX:ErrorFile=";

  private HsErrFile() {}

  /** The first candidate that exists, or {@code null}. */
  static Path locate(String fromBanner, List<String> command, long pid, Path workingDirectory) {
    List<Path> candidates = new ArrayList<>();
    if (fromBanner != null) {
      candidates.add(workingDirectory.resolve(fromBanner));
    }
    for (String arg : command) {
      if (arg.startsWith(ERROR_FILE_FLAG)) {
        String path = arg.substring(ERROR_FILE_FLAG.length()).replace("%p", Long.toString(pid)).replace("%%", "%");
        candidates.add(workingDirectory.resolve(path));
      }
    }
    String defaultName = "hs_err_pid" + pid + ".log";
    candidates.add(workingDirectory.resolve(defaultName));
    candidates.add(Path.of(System.getProperty("java.io.tmpdir")).resolve(defaultName));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The head of the file up to the process section, bounded; {@code null} if unreadable. */
  static String excerpt(Path file) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    StringBuilder excerpt = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
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
      return null;
    }
    return excerpt.toString();
  }
}
