package io.github.panicwatch.core.crash;

import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HotSpot's fatal-error banner, the block of {@code #} lines a JVM prints on stdout when it dies of
 * a fatal error and writes at the head of its report (hs_err file): the signal, the problematic
 * frame, the pid, and (on stdout only) the report file it names. The event's exception is the
 * signal (or {@code InternalError} for a fatal error without one) with the problematic frame as its
 * value, so crashes in the same frame group together, whoever read the banner.
 *
 * @param lines the banner's lines, from {@link #FIRST_LINE} on
 */
public record FatalErrorBanner(List<String> lines) {
  public static final String FIRST_LINE = "# A fatal error has been detected by the Java Runtime Environment:";
  public static final String BANNER_EXTRA = "fatal_error_banner";
  public static final String PROBLEMATIC_FRAME_EXTRA = "problematic_frame";
  /** The most lines a banner has; HotSpot's has about 20. */
  public static final int MAX_LINES = 60;

  private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\).*");
  private static final Pattern PID = Pattern.compile(", pid=([0-9]+), ");
  private static final String PROBLEMATIC_FRAME = "# Problematic frame:";
  private static final String REPORT_FILE = "# An error report file with more information is saved as:";

  public FatalErrorBanner {
    lines = List.copyOf(lines);
  }

  /** The banner at the head of a report's text, {@code null} when it has none. */
  public static FatalErrorBanner inReport(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", MAX_LINES * 4)) {
      if (lines.isEmpty() ? line.equals(FIRST_LINE) : line.startsWith("#") && lines.size() < MAX_LINES) {
        lines.add(line);
      } else if (!lines.isEmpty()) {
        break;
      }
    }
    return lines.isEmpty() ? null : new FatalErrorBanner(lines);
  }

  /** The signal line without its {@code #}: {@code SIGSEGV (0xb) at pc=…, pid=…, tid=…}; {@code null} if none. */
  public String signalLine() {
    for (String line : lines) {
      if (SIGNAL.matcher(line).matches()) {
        return line.substring(1).trim();
      }
    }
    return null;
  }

  /** The frame HotSpot names as the problematic one, {@code null} if none. */
  public String problematicFrame() {
    return lineAfter(PROBLEMATIC_FRAME);
  }

  /** The path the banner names as its report: a claim only, since the banner is text. */
  public String namedReport() {
    return lineAfter(REPORT_FILE);
  }

  /** The pid the signal line names, 0 when it names none. */
  public long pid() {
    String signal = signalLine();
    Matcher matcher = PID.matcher(signal == null ? "" : signal);
    try {
      return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The event's message: {@code JVM fatal error: SIGSEGV (0xb) at pc=…}. */
  public String message() {
    String signal = signalLine();
    return "JVM fatal error" + (signal == null ? "" : ": " + signal);
  }

  /** The event's exception: the signal, the problematic frame as its value. */
  public SentryException exception() {
    String signal = signalLine();
    SentryException error = new SentryException();
    error.setType(signal == null ? "InternalError" : signal.substring(0, signal.indexOf(' ')));
    String frame = problematicFrame();
    error.setValue(frame == null ? "no problematic frame named" : frame);
    return error;
  }

  /** The event's extras: the banner as it is, and the problematic frame. */
  public Map<String, Object> extras() {
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put(BANNER_EXTRA, String.join("\n", lines));
    String frame = problematicFrame();
    if (frame != null) {
      extras.put(PROBLEMATIC_FRAME_EXTRA, frame);
    }
    return extras;
  }

  /** The text of the line after {@code caption}, without its {@code #}. */
  private String lineAfter(String caption) {
    int index = lines.indexOf(caption);
    if (index < 0 || index + 1 >= lines.size()) {
      return null;
    }
    String text = lines.get(index + 1).substring(1).trim();
    return text.isEmpty() ? null : text;
  }
}
