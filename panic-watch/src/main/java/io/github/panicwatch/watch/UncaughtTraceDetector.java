package io.github.panicwatch.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the trace the JVM prints for an uncaught exception ({@code Exception in thread "main"
 * type: message}, {@code \tat} frames, {@code Caused by:}, {@code Suppressed:} at any depth,
 * {@code ... N more}, multi-line messages) and parses it back into a {@link ParsedThrowable}. An
 * {@code OutOfMemoryError} makes an out-of-memory finding, any other throwable an uncaught one. A
 * trace of thread {@code main} counts only with a non-zero exit (the java launcher exits 1 when
 * {@code main} dies of an exception); one of any other thread whatever the exit, since that
 * thread's death does not end the JVM ({@link ConfirmingExit}).
 */
final class UncaughtTraceDetector implements Detector {
  static final String OUT_OF_MEMORY_ERROR = "java.lang.OutOfMemoryError";
  private static final String MAIN_THREAD = "main";

  private static final String HEADER_START = "Exception in thread \"";
  private static final Pattern HEADER = Pattern.compile("^Exception in thread \"(.*)\" ([\\w$.]+)(?:: (.*))?$");
  private static final Pattern SECTION = Pattern.compile("^(\\t*)(Caused by|Suppressed): ([\\w$.]+)(?:: (.*))?$");
  private static final Pattern FRAME = Pattern.compile("^(\\t+)at (.+)$");
  private static final Pattern MORE = Pattern.compile("^(\\t+)\\.\\.\\. (\\d+) more$");
  private static final Pattern CIRCULAR = Pattern.compile("^\\t*\\[CIRCULAR REFERENCE: .*\\]$");
  /** A message longer than this many lines is more likely unrelated output. */
  private static final int MAX_MESSAGE_LINES = 50;

  @Override
  public List<String> starts() {
    return List.of(HEADER_START);
  }

  @Override
  public Block open(String line) {
    if (!line.startsWith(HEADER_START)) {
      return null; // nearly every line: the regex only runs on the few that can match
    }
    Matcher header = HEADER.matcher(line);
    return header.matches() ? new Trace(header.group(1), new ParsedThrowable(header.group(2), header.group(3))) : null;
  }

  /** Parses one frame as {@code Throwable.printStackTrace} prints it, or returns {@code null}. */
  static StackTraceElement frame(String text) {
    int open = text.lastIndexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      return null;
    }
    String qualified = text.substring(text.lastIndexOf('/', open) + 1, open); // drops "java.base/"
    int dot = qualified.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String location = text.substring(open + 1, text.length() - 1);
    String file = null;
    int lineNumber = -1;
    if (location.equals("Native Method")) {
      lineNumber = -2;
    } else if (!location.equals("Unknown Source")) {
      int colon = location.lastIndexOf(':');
      file = colon < 0 ? location : location.substring(0, colon);
      if (colon >= 0) {
        try {
          lineNumber = Integer.parseInt(location.substring(colon + 1));
        } catch (NumberFormatException e) {
          file = location;
        }
      }
    }
    return new StackTraceElement(qualified.substring(0, dot), qualified.substring(dot + 1), file, lineNumber);
  }

  private static final class Trace implements Block {
    private final String threadName;
    private final ParsedThrowable outermost;
    /** Open exceptions by depth (leading tabs of their header); the last one is the current one. */
    private final List<ParsedThrowable> open = new ArrayList<>();
    private final List<Integer> depths = new ArrayList<>();
    private int messageLines;

    Trace(String threadName, ParsedThrowable outermost) {
      this.threadName = threadName;
      this.outermost = outermost;
      push(outermost, 0);
    }

    @Override
    public boolean add(String line) {
      Matcher matcher = FRAME.matcher(line);
      if (matcher.matches()) {
        StackTraceElement frame = frame(matcher.group(2));
        ParsedThrowable owner = at(matcher.group(1).length() - 1);
        if (frame == null || owner == null) {
          return false;
        }
        owner.frames.add(frame);
        return true;
      }
      matcher = MORE.matcher(line);
      if (matcher.matches()) {
        int depth = matcher.group(1).length() - 1;
        ParsedThrowable owner = at(depth);
        ParsedThrowable enclosing = open.size() > 1 ? open.get(open.size() - 2) : null;
        if (owner == null || enclosing == null) {
          return false;
        }
        owner.addCommonFrames(enclosing, Integer.parseInt(matcher.group(2)));
        return true;
      }
      matcher = SECTION.matcher(line);
      if (matcher.matches()) {
        return section(matcher.group(1).length(), matcher.group(2).equals("Caused by"),
            new ParsedThrowable(matcher.group(3), matcher.group(4)));
      }
      if (CIRCULAR.matcher(line).matches()) {
        return true;
      }
      ParsedThrowable current = open.get(open.size() - 1);
      if (current.acceptsMessageLines() && messageLines++ < MAX_MESSAGE_LINES) {
        current.appendMessageLine(line);
        return true;
      }
      return false;
    }

    /** A cause is printed at its enclosing exception's depth, a suppressed one a tab deeper. */
    private boolean section(int depth, boolean cause, ParsedThrowable next) {
      int enclosingDepth = cause ? depth : depth - 1;
      while (!open.isEmpty() && depths.get(depths.size() - 1) > enclosingDepth) {
        pop();
      }
      if (open.isEmpty() || depths.get(depths.size() - 1) != enclosingDepth) {
        return false;
      }
      ParsedThrowable enclosing = open.get(open.size() - 1);
      if (cause) {
        enclosing.cause = next;
      } else {
        enclosing.suppressed.add(next);
      }
      push(next, depth);
      return true;
    }

    /** The current exception if its frames sit at {@code depth}, else {@code null}. */
    private ParsedThrowable at(int depth) {
      while (!open.isEmpty() && depths.get(depths.size() - 1) > depth) {
        pop();
      }
      return !open.isEmpty() && depths.get(depths.size() - 1) == depth ? open.get(open.size() - 1) : null;
    }

    private void push(ParsedThrowable throwable, int depth) {
      open.add(throwable);
      depths.add(depth);
    }

    private void pop() {
      open.remove(open.size() - 1);
      depths.remove(depths.size() - 1);
    }

    @Override
    public Finding finish() {
      String text = outermost.className + (outermost.message() == null ? "" : ": " + outermost.message());
      boolean outOfMemory = outermost.className.equals(OUT_OF_MEMORY_ERROR);
      return new Finding(
          outOfMemory ? CrashKind.OUT_OF_MEMORY : CrashKind.UNCAUGHT_EXCEPTION,
          // main's death makes the launcher exit 1; another thread's ends nothing
          threadName.equals(MAIN_THREAD) ? ConfirmingExit.NON_ZERO : ConfirmingExit.ANY,
          Instant.now(),
          "Uncaught exception in thread \"" + threadName + "\": " + text,
          threadName,
          outermost.toSentryExceptions(),
          Map.of(),
          List.of());
    }
  }
}
