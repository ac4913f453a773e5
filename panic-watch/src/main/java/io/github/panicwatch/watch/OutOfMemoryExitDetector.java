package io.github.panicwatch.watch;

import io.sentry.protocol.SentryException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the line HotSpot prints on stdout when {@code -XX:+ExitOnOutOfMemoryError} ends the
 * process ({@code Terminating due to java.lang.OutOfMemoryError: Java heap space}, exit code 3). No
 * trace follows, so the event has the error without frames. The line counts only if the child then
 * exits with 3: printed by anything else, it is text.
 */
final class OutOfMemoryExitDetector implements Detector {
  private static final String LINE_START = "Terminating due to ";
  private static final Pattern LINE =
      Pattern.compile("^Terminating due to java\\.lang\\.OutOfMemoryError(?:: (.*))?$");

  @Override
  public List<String> starts() {
    return List.of(LINE_START);
  }

  @Override
  public Block open(String line) {
    if (!line.startsWith(LINE_START)) {
      return null; // nearly every line: the regex only runs on the few that can match
    }
    Matcher matcher = LINE.matcher(line);
    if (!matcher.matches()) {
      return null;
    }
    String detail = matcher.group(1);
    return new Block() {
      @Override
      public boolean add(String next) {
        return false;
      }

      @Override
      public Finding finish() {
        SentryException error = new SentryException();
        error.setModule("java.lang");
        error.setType("OutOfMemoryError");
        error.setValue(detail);
        return new Finding(CrashKind.OUT_OF_MEMORY, ConfirmingExit.EXIT_CODE_3, Instant.now(), line, null, List.of(error), Map.of(), List.of());
      }
    };
  }
}
