package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.crash.FatalErrorEvent;
import io.github.panicwatch.core.crash.HotSpotFlags;
import io.github.panicwatch.core.crash.HsErrFile;
import io.github.panicwatch.core.crash.ReportedCrashes;
import io.github.panicwatch.core.event.ObservedPanic;
import io.sentry.protocol.SentryException;
import java.io.IOException;
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
 * Its event is the core's ({@link FatalErrorEvent}), the one a later run's appender would send
 * for the same report; the report is claimed first ({@link ReportedCrashes}), so only one of them
 * sends it.
 */
final class CrashReporter {
  static final String EXIT_CODE_TAG = "exit_code";
  static final String PID_TAG = FatalErrorEvent.PID_TAG;
  static final String SIGNAL_TAG = "signal";
  static final String CRASH_TAG = FatalErrorEvent.CRASH_TAG;
  /** The exception of a death by the OOM killer, named as Kubernetes names it. */
  static final String OOM_KILLED_TYPE = "OOMKilled";

  private final HotSpotFlags flags;
  private final Path workingDirectory;
  private final int childUid;
  private final ReportedCrashes reported;
  private final StatusSink status;

  /**
   * @param flags the child's HotSpot flags, from its command line and environment
   * @param workingDirectory the child's working folder
   * @param childUid the user the child ran as
   * @param reported the reports already reported, shared with the appender's later runs; {@code
   *     null} to claim none
   * @param status where a finding that does not count is mentioned (as information)
   */
  CrashReporter(HotSpotFlags flags, Path workingDirectory, int childUid, ReportedCrashes reported, StatusSink status) {
    this.flags = flags;
    this.workingDirectory = workingDirectory;
    this.childUid = childUid;
    this.reported = reported;
    this.status = status;
  }

  /**
   * How the child ended.
   *
   * @param stopRequested the watcher was told to stop and passed it on
   * @param startedAt just before the child was started
   * @param oomKills what the cgroup's memory files said about a death by SIGKILL, else {@code null}
   */
  record ChildExit(long pid, int exitCode, boolean stopRequested, Instant startedAt, OomKillEvidence oomKills) {
    /** An exit whose cgroup was not looked at: a death by SIGKILL is then reported as today. */
    ChildExit(long pid, int exitCode, boolean stopRequested, Instant startedAt) {
      this(pid, exitCode, stopRequested, startedAt, null);
    }
  }

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
        ObservedPanic panic = panic(finding, exit);
        if (panic != null) {
          reports.add(new Report(panic, finding.breadcrumbs()));
        }
      }
    }
    String signal = Signals.fromExitCode(exit.exitCode());
    if (confirmed.isEmpty() && handedOff.isEmpty() && Signals.isCrash(signal) && !exit.stopRequested()) {
      Finding death = death(signal, exit, latestBreadcrumbs.get());
      reports.add(new Report(panic(death, exit), death.breadcrumbs()));
    }
    return reports;
  }

  /**
   * A death by a crash signal with no text to explain it; a SIGKILL the cgroup's OOM killer count
   * rose across is the kernel's OOM killer's (issue 16), and says the memory limit and peak. Its
   * exception is constant per limit, so that each such death groups (and counts for the crash-loop
   * guard) as one crash whatever the peak.
   */
  private static Finding death(String signal, ChildExit exit, List<RecordedLine> breadcrumbs) {
    OomKillEvidence memory = Signals.SIGKILL.equals(signal) ? exit.oomKills() : null;
    Map<String, Object> extras = memory == null ? Map.of() : memory.extras();
    if (memory == null || !memory.oomKilled()) {
      String message = "Killed by " + signal + " (exit code " + exit.exitCode() + ")";
      return new Finding(CrashKind.SIGNAL, ConfirmingExit.ANY, Instant.now(), message, null, List.of(), extras, breadcrumbs);
    }
    SentryException kill = new SentryException();
    kill.setType(OOM_KILLED_TYPE);
    kill.setValue(memory.limitBytes() == null
        ? "the kernel's OOM killer killed the child, whose cgroup has no memory limit: the host ran out of memory"
        : "the kernel's OOM killer killed the child at its cgroup's memory limit of " + OomKillEvidence.human(memory.limitBytes()));
    String message = "Killed by the kernel's OOM killer (SIGKILL, exit code " + exit.exitCode() + "): " + memory.memory();
    return new Finding(CrashKind.OOM_KILLED, ConfirmingExit.ANY, Instant.now(), message, null, List.of(kill), extras, breadcrumbs);
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

  /** The event of {@code finding}; {@code null} for a fatal error whose report was reported already. */
  private ObservedPanic panic(Finding finding, ChildExit exit) {
    Map<String, String> exitTags = new LinkedHashMap<>();
    exitTags.put(EXIT_CODE_TAG, Integer.toString(exit.exitCode()));
    String signal = Signals.fromExitCode(exit.exitCode());
    if (signal != null) {
      exitTags.put(SIGNAL_TAG, signal);
    }
    if (finding.kind() == CrashKind.FATAL_ERROR) {
      // the file the banner names is a claim: the banner is text
      HsErrFile.Outcome report = HsErrFile.find(
          finding.banner().namedReport(), errorFile(exit.pid()), exit.pid(), workingDirectory, childUid, exit.startedAt());
      if (report.report() != null && !claimed(report)) {
        return null;
      }
      return FatalErrorEvent.of(finding.seenAt(), exit.pid(), finding.banner(), report, exitTags);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CRASH_TAG, finding.kind().tag());
    tags.put(EXIT_CODE_TAG, exitTags.get(EXIT_CODE_TAG));
    tags.put(PID_TAG, Long.toString(exit.pid()));
    if (signal != null) {
      tags.put(SIGNAL_TAG, signal);
    }
    return new ObservedPanic(
        finding.seenAt(), finding.message(), finding.threadName(), finding.exceptions(), tags, finding.extras());
  }

  /**
   * Claims the child's report as reported (issue 16), so that the appender of a later run does not
   * report it again; false when it was claimed before (by such an appender, which got there first).
   */
  private boolean claimed(HsErrFile.Outcome report) {
    if (reported == null) {
      return true;
    }
    try {
      if (reported.claim(report.report())) {
        return true;
      }
      status.info("not reported: " + report.file() + " was reported already, by the appender of a later run");
      return false;
    } catch (IOException | RuntimeException e) {
      status.warn("cannot record that " + report.file() + " is reported; a later run's appender may report it again", e);
      return true;
    }
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
