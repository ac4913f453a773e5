package io.github.panicwatch.core.crash;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder where a JVM leaves its fatal-error reports, and how their names look there: {@code
 * hs_err_pid<pid>.log} in the working folder by default, or the name {@code -XX:ErrorFile} gives,
 * its {@code %p} as the pid.
 *
 * @param folder where the reports are
 * @param name the whole file name of a report; its first group, if any, is the pid
 */
public record ReportLocation(Path folder, Pattern name) {
  private static final Pattern DEFAULT_NAME = Pattern.compile("hs_err_pid([0-9]+)\\.log");

  /** Where HotSpot writes a report without {@code -XX:ErrorFile}: {@code hs_err_pid<pid>.log} in {@code workingDirectory}. */
  public static ReportLocation workingFolder(Path workingDirectory) {
    return new ReportLocation(workingDirectory, DEFAULT_NAME);
  }

  /**
   * Whether {@code fileName} is a report's name here.
   *
   * @return the pid the name gives; 0 when it is a report's name without one (an {@code
   *     -XX:ErrorFile} without {@code %p}); -1 when it is not a report's name
   */
  public long pidOf(String fileName) {
    Matcher matcher = name.matcher(fileName);
    if (!matcher.matches()) {
      return -1;
    }
    if (matcher.groupCount() == 0) {
      return 0;
    }
    try {
      return Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      return -1; // more digits than any pid
    }
  }
}
