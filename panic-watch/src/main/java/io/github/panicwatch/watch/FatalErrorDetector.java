package io.github.panicwatch.watch;

import io.sentry.protocol.SentryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises HotSpot's fatal-error banner (printed on stdout, every line starting with {@code #}):
 * the signal, the problematic frame and the hs_err file it names. The exception is the signal
 * (or {@code InternalError} for a fatal error without one) with the problematic frame as its value,
 * so crashes in the same frame group together. The banner counts only if the child then really
 * dies of a fatal error ({@link ConfirmingExit#FATAL_ERROR}); the file it names is only a claim,
 * checked once the child has exited ({@link HsErrFile}).
 */
final class FatalErrorDetector implements Detector {
  static final String BANNER = "# A fatal error has been detected by the Java Runtime Environment:";
  /** The path the banner names; {@link CrashReporter} replaces it with what {@link HsErrFile} found. */
  static final String NAMED_HS_ERR = "hs_err_named";
  static final String BANNER_EXTRA = "fatal_error_banner";
  static final String PROBLEMATIC_FRAME_EXTRA = "problematic_frame";

  private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\).*");
  private static final String PROBLEMATIC_FRAME = "# Problematic frame:";
  private static final String ERROR_FILE = "# An error report file with more information is saved as:";
  private static final int MAX_LINES = 60;

  @Override
  public List<String> starts() {
    return List.of(BANNER);
  }

  @Override
  public Block open(String line) {
    return line.equals(BANNER) ? new Banner(line) : null;
  }

  private static final class Banner implements Block {
    private final List<String> lines = new ArrayList<>();

    Banner(String first) {
      lines.add(first);
    }

    @Override
    public boolean add(String line) {
      // a second banner is a block of its own: the JVM's real one after a printed one, say
      if (!line.startsWith("#") || line.equals(BANNER) || lines.size() >= MAX_LINES) {
        return false;
      }
      lines.add(line);
      return true;
    }

    @Override
    public Finding finish() {
      String signal = null;
      String signalLine = null;
      String frame = lineAfter(PROBLEMATIC_FRAME);
      String file = lineAfter(ERROR_FILE);
      for (String line : lines) {
        Matcher matcher = SIGNAL.matcher(line);
        if (matcher.matches()) {
          signal = matcher.group(1);
          signalLine = line.substring(1).trim();
          break;
        }
      }
      SentryException error = new SentryException();
      error.setType(signal == null ? "InternalError" : signal);
      error.setValue(frame == null ? "no problematic frame named" : frame);
      Map<String, Object> extras = new LinkedHashMap<>();
      extras.put(BANNER_EXTRA, String.join("\n", lines));
      if (frame != null) {
        extras.put(PROBLEMATIC_FRAME_EXTRA, frame);
      }
      if (file != null) {
        extras.put(NAMED_HS_ERR, file);
      }
      String message = "JVM fatal error" + (signalLine == null ? "" : ": " + signalLine);
      return new Finding(
          CrashKind.FATAL_ERROR, ConfirmingExit.FATAL_ERROR, Instant.now(), message, null, List.of(error), extras, List.of());
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
}
