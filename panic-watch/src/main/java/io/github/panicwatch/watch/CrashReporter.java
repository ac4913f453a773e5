package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.event.ObservedPanic;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides, once the child has exited and both streams are drained, which panics to report. Text in
 * the child's output is evidence only together with how the child ended (issue 11): a finding
 * counts only if the exit is the one its text needs ({@link ConfirmingExit}), and of several
 * fatal-error banners only the last (a JVM prints one, right before it dies). Every counted finding
 * the appender inside the child has not reported already (see {@link WatcherHandOff}) is reported,
 * carrying the exit; when none counts, a death by a crash signal is. A non-zero exit after a finding
 * is part of that finding's event, never an event of its own. A fatal error's hs_err file is read
 * only if it is the child's own report ({@link HsErrFile}); otherwise the event says why instead.
 */
final class CrashReporter {
  static final String EXIT_CODE_TAG = "exit_code";
  static final String PID_TAG = "pid";
  static final String SIGNAL_TAG = "signal";
  static final String CRASH_TAG = "crash";
  static final String HS_ERR_FILE_EXTRA = "hs_err_file";
  static final String HS_ERR_EXCERPT_EXTRA = "hs_err_excerpt";
  static final String HS_ERR_NOT_READ_EXTRA = "hs_err_not_read";

  private final HotSpotFlags flags;
  private final Path workingDirectory;
  private final long childUid;
  private final StatusSink status;

  /**
   * @param flags the child's HotSpot flags, from its command line and environment
   * @param workingDirectory the child's working folder
   * @param childUid the user the child ran as
   * @param status where a finding that does not count is mentioned (as information)
   */
  CrashReporter(HotSpotFlags flags, Path workingDirectory, long childUid, StatusSink status) {
    this.flags = flags;
    this.workingDirectory = workingDirectory;
    this.childUid = childUid;
    this.status = status;
  }

  /**
   * How the child ended.
   *
   * @param stopRequested the watcher was told to stop and passed it on
   * @param startedAt just before the child was started
   */
  record ChildExit(long pid, int exitCode, boolean stopRequested, Instant startedAt) {}

  /** One event to send and the breadcrumbs it carries. */
  record Report(ObservedPanic panic, List<RecordedLine> breadcrumbs) {}

  List<Report> reports(
      List<Finding> findings,
      List<WatcherHandOff.Reported> handedOff,
      ChildExit exit,
      Supplier<List<RecordedLine>> latestBreadcrumbs) {
    List<Finding> confirmed = confirmed(findings, exit);
    List<WatcherHandOff.Reported> unmatched = new ArrayList<>(handedOff);
    List<Report> reports = new ArrayList<>();
    for (Finding finding : confirmed) {
      if (!unmatched.remove(new WatcherHandOff.Reported(finding.outermostType(), finding.threadName()))) {
        reports.add(new Report(panic(finding, exit), finding.breadcrumbs()));
      }
    }
    String signal = Signals.fromExitCode(exit.exitCode());
    if (confirmed.isEmpty() && handedOff.isEmpty() && Signals.isCrash(signal) && !exit.stopRequested()) {
      Finding death =
          new Finding(
              CrashKind.SIGNAL,
              ConfirmingExit.ANY,
              Instant.now(),
              "Killed by " + signal + " (exit code " + exit.exitCode() + ")",
              null,
              List.of(),
              Map.of(),
              latestBreadcrumbs.get());
      reports.add(new Report(panic(death, exit), death.breadcrumbs()));
    }
    return reports;
  }

  /** The findings the child's exit confirms, in order; each other one is text, and said so. */
  private List<Finding> confirmed(List<Finding> findings, ChildExit exit) {
    Finding lastBanner = null;
    for (Finding finding : findings) {
      if (finding.kind() == CrashKind.FATAL_ERROR) {
        lastBanner = finding;
      }
    }
    List<Finding> confirmed = new ArrayList<>();
    for (Finding finding : findings) {
      String unconfirmed = unconfirmed(finding.confirmedBy(), exit.exitCode());
      if (unconfirmed == null && finding.kind() == CrashKind.FATAL_ERROR && finding != lastBanner) {
        unconfirmed = "a later banner followed it, and a JVM prints one, right before it dies";
      }
      if (unconfirmed == null) {
        confirmed.add(finding);
      } else {
        status.info("not reported: the child printed what looks like a crash (" + finding.kind().tag()
            + "), but " + unconfirmed);
      }
    }
    return confirmed;
  }

  /** Why the exit does not confirm text that needs {@code needed}; {@code null} when it does. */
  private String unconfirmed(ConfirmingExit needed, int exitCode) {
    switch (needed) {
      case ANY:
        return null;
      case NON_ZERO:
        return exitCode != 0 ? null : "the child exited 0";
      case EXIT_CODE_3:
        return exitCode == 3 ? null
            : "the child exited " + exitCode + ", and -XX:+ExitOnOutOfMemoryError exits 3 after that line";
      case FATAL_ERROR:
        return Signals.isCrash(Signals.fromExitCode(exitCode)) || exitCode == flags.fatalErrorExitCode() ? null
            : "the child exited " + exitCode + ", and a JVM dies after that banner (exit code "
                + flags.fatalErrorExitCode() + ", or a crash signal)";
      default:
        throw new IllegalArgumentException("unknown ending " + needed);
    }
  }

  private ObservedPanic panic(Finding finding, ChildExit exit) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CRASH_TAG, finding.kind().tag());
    tags.put(EXIT_CODE_TAG, Integer.toString(exit.exitCode()));
    tags.put(PID_TAG, Long.toString(exit.pid()));
    String signal = Signals.fromExitCode(exit.exitCode());
    if (signal != null) {
      tags.put(SIGNAL_TAG, signal);
    }
    Map<String, Object> extras = new LinkedHashMap<>(finding.extras());
    if (finding.kind() == CrashKind.FATAL_ERROR) {
      String named = (String) extras.remove(FatalErrorDetector.NAMED_HS_ERR); // a claim: the banner is text
      HsErrFile.Outcome report =
          HsErrFile.find(named, errorFile(exit.pid()), exit.pid(), workingDirectory, childUid, exit.startedAt());
      if (report.file() != null) {
        extras.put(HS_ERR_FILE_EXTRA, report.file().toString());
        extras.put(HS_ERR_EXCERPT_EXTRA, report.excerpt()); // scrubbed with the whole event
      } else {
        extras.put(HS_ERR_NOT_READ_EXTRA, report.notRead());
      }
    }
    return new ObservedPanic(
        finding.seenAt(), finding.message(), finding.threadName(), finding.exceptions(), tags, extras);
  }

  /** The child's {@code -XX:ErrorFile} for its pid; {@code null} if not given or not a usable path. */
  private Path errorFile(long pid) {
    try {
      return flags.errorFile(pid, workingDirectory);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
