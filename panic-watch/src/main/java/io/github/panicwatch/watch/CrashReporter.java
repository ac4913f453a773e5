package io.github.panicwatch.watch;

import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.scrub.Scrubber;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides, once the child has exited and both streams are drained, which panics to report: every
 * finding the appender inside the child has not reported already (see {@link WatcherHandOff}), each
 * carrying the exit; or, when nothing was seen, a death by a crash signal. A non-zero exit after a
 * finding is part of that finding's event, never an event of its own.
 */
final class CrashReporter {
  static final String EXIT_CODE_TAG = "exit_code";
  static final String PID_TAG = "pid";
  static final String SIGNAL_TAG = "signal";
  static final String CRASH_TAG = "crash";
  static final String HS_ERR_EXCERPT_EXTRA = "hs_err_excerpt";

  private final Scrubber scrubber;
  private final List<String> command;
  private final Path workingDirectory;

  CrashReporter(Scrubber scrubber, List<String> command, Path workingDirectory) {
    this.scrubber = scrubber;
    this.command = List.copyOf(command);
    this.workingDirectory = workingDirectory;
  }

  /** How the child ended. {@code stopRequested}: the watcher was told to stop and passed it on. */
  record ChildExit(long pid, int exitCode, boolean stopRequested) {}

  /** One event to send and the breadcrumbs it carries. */
  record Report(ObservedPanic panic, List<RecordedLine> breadcrumbs) {}

  List<Report> reports(
      List<Finding> findings,
      List<WatcherHandOff.Reported> handedOff,
      ChildExit exit,
      Supplier<List<RecordedLine>> latestBreadcrumbs) {
    List<WatcherHandOff.Reported> unmatched = new ArrayList<>(handedOff);
    List<Report> reports = new ArrayList<>();
    for (Finding finding : findings) {
      if (!unmatched.remove(new WatcherHandOff.Reported(finding.outermostType(), finding.threadName()))) {
        reports.add(new Report(panic(finding, exit), finding.breadcrumbs()));
      }
    }
    String signal = Signals.fromExitCode(exit.exitCode());
    if (findings.isEmpty() && handedOff.isEmpty() && Signals.isCrash(signal) && !exit.stopRequested()) {
      Finding death =
          new Finding(
              CrashKind.SIGNAL,
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
      Path file = HsErrFile.locate(
          (String) extras.get(FatalErrorDetector.HS_ERR_EXTRA), command, exit.pid(), workingDirectory);
      String excerpt = file == null ? null : HsErrFile.excerpt(file);
      if (file != null) {
        extras.put(FatalErrorDetector.HS_ERR_EXTRA, file.toString());
      }
      if (excerpt != null) {
        extras.put(HS_ERR_EXCERPT_EXTRA, scrubber.scrub(excerpt));
      }
    }
    return new ObservedPanic(
        finding.seenAt(), finding.message(), finding.threadName(), finding.exceptions(), tags, extras);
  }
}
