package io.github.panicwatch.watch;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.crash.FatalErrorBanner;
import io.sentry.protocol.SentryException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One crash the detectors recognised in the child's output, kept until the child has exited and
 * then reported together with its exit.
 *
 * @param confirmedBy the ending of the child without which the text is no crash
 * @param seenAt when the block ended
 * @param threadName the thread a trace names, else {@code null}
 * @param exceptions the chain in Sentry's order (outermost last), empty for none
 * @param extras what else the text said (banner, panic output, hs_err path)
 * @param breadcrumbs the stderr lines before it, snapshotted when it was seen
 * @param banner a fatal error's banner, which the core makes its event of; else {@code null}
 */
record Finding(
    CrashKind kind,
    ConfirmingExit confirmedBy,
    Instant seenAt,
    String message,
    String threadName,
    List<SentryException> exceptions,
    Map<String, Object> extras,
    List<RecordedLine> breadcrumbs,
    FatalErrorBanner banner) {

  /** A finding of any kind but a fatal error. */
  Finding(
      CrashKind kind,
      ConfirmingExit confirmedBy,
      Instant seenAt,
      String message,
      String threadName,
      List<SentryException> exceptions,
      Map<String, Object> extras,
      List<RecordedLine> breadcrumbs) {
    this(kind, confirmedBy, seenAt, message, threadName, exceptions, extras, breadcrumbs, null);
  }

  /** A fatal error, as its banner says. */
  static Finding fatalError(FatalErrorBanner banner) {
    return new Finding(CrashKind.FATAL_ERROR, ConfirmingExit.FATAL_ERROR, Instant.now(), banner.message(), null,
        List.of(banner.exception()), banner.extras(), List.of(), banner);
  }

  Finding withBreadcrumbs(List<RecordedLine> lines) {
    return new Finding(kind, confirmedBy, seenAt, message, threadName, exceptions, extras, List.copyOf(lines), banner);
  }

  /** The outermost exception's class as the trace header printed it, or {@code null}. */
  String outermostType() {
    if (exceptions.isEmpty()) {
      return null;
    }
    SentryException outermost = exceptions.get(exceptions.size() - 1);
    return outermost.getModule() == null
        ? outermost.getType()
        : outermost.getModule() + "." + outermost.getType();
  }
}
