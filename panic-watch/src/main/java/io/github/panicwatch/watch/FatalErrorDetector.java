package io.github.panicwatch.watch;

import io.github.panicwatch.core.crash.FatalErrorBanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises HotSpot's fatal-error banner (printed on stdout, every line starting with {@code #});
 * the core reads it ({@link FatalErrorBanner}: the signal, the problematic frame, the hs_err file
 * it names) as it reads the banner at the head of a report. The banner counts only if the child
 * then really dies of a fatal error ({@link ConfirmingExit#FATAL_ERROR}); the file it names is only
 * a claim, checked once the child has exited ({@link io.github.panicwatch.core.crash.HsErrFile}).
 */
final class FatalErrorDetector implements Detector {
  static final String BANNER = FatalErrorBanner.FIRST_LINE;

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
      if (!line.startsWith("#") || line.equals(BANNER) || lines.size() >= FatalErrorBanner.MAX_LINES) {
        return false;
      }
      lines.add(line);
      return true;
    }

    @Override
    public Finding finish() {
      return Finding.fatalError(new FatalErrorBanner(lines));
    }
  }
}
