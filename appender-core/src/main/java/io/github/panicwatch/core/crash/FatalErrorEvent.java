package io.github.panicwatch.core.crash;

import io.github.panicwatch.core.event.ObservedPanic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event of a JVM's fatal error (a native crash), one for both who report it: the watcher, from
 * the banner on its child's stdout and the child's report, and the appender at its next start
 * (issue 16), from the report an earlier run left. The banner gives the message and the exception
 * (the signal, the problematic frame as its value); the report its excerpt, or the event says why
 * none was read; tags {@code crash=fatal_error} and {@code pid}.
 */
public final class FatalErrorEvent {
  public static final String CRASH_TAG = "crash";
  public static final String FATAL_ERROR = "fatal_error";
  public static final String PID_TAG = "pid";

  private FatalErrorEvent() {}

  /**
   * @param timestamp when the crash was seen: the banner on stdout, or the report's last change
   * @param pid the process that crashed
   * @param moreTags tags of whoever saw it (the watcher's exit code and signal), after the others
   */
  public static ObservedPanic of(
      Instant timestamp, long pid, FatalErrorBanner banner, HsErrFile.Outcome report, Map<String, String> moreTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CRASH_TAG, FATAL_ERROR);
    tags.put(PID_TAG, Long.toString(pid));
    tags.putAll(moreTags);
    Map<String, Object> extras = new LinkedHashMap<>(banner.extras());
    extras.putAll(report.extras());
    return new ObservedPanic(timestamp, banner.message(), null, List.of(banner.exception()), tags, extras);
  }
}
