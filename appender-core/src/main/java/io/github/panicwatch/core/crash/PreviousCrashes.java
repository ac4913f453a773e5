package io.github.panicwatch.core.crash;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.storage.ForeignFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Native crashes reported with no watcher (issue 16): a service that runs without {@code
 * panic-watch} and dies of a fatal error leaves its report (hs_err file) on disk and is started
 * again by systemd or Kubernetes; at that next start, the appender finds the report and sends the
 * event the watcher would have sent ({@link FatalErrorEvent}). It looks where this JVM's own flags
 * put reports ({@code -XX:ErrorFile}, {@code %p} as any pid) and for {@code hs_err_pid<pid>.log} in
 * the working folder, and reports a file only if {@link HsErrFile} reads it as an earlier process's
 * report of this user (a regular file, no symbolic link, last changed before this JVM started) for
 * a pid whose process is gone, and only if nobody has claimed it before ({@link ReportedCrashes}:
 * the watcher claims the reports it reads). At most {@value #MAX_REPORTED_PER_START} per start,
 * the newest; older ones are passed over, and a WARN says how many.
 *
 * <p>Runs on the delivery thread, never on the application's: the start of the service waits for
 * none of it.
 */
public final class PreviousCrashes implements Runnable {
  public static final int MAX_REPORTED_PER_START = 5;

  /** Whether the process that wrote a report may still be running (and writing it). */
  interface Writers {
    boolean alive(long pid, Instant reportWritten);
  }

  private final List<ReportLocation> locations;
  private final Instant thisJvmStarted;
  private final Writers writers;
  private final ReportedCrashes reported;
  private final Consumer<ObservedPanic> report;
  private final StatusSink status;

  /** @param status prefixed for the appender already */
  PreviousCrashes(
      List<ReportLocation> locations,
      Instant thisJvmStarted,
      Writers writers,
      ReportedCrashes reported,
      Consumer<ObservedPanic> report,
      StatusSink status) {
    this.locations = List.copyOf(locations);
    this.thisJvmStarted = thisJvmStarted;
    this.writers = writers;
    this.reported = reported;
    this.report = report;
    this.status = status;
  }

  /**
   * The reports an earlier run of this JVM's service left: where its {@code -XX:ErrorFile} puts
   * them, and in the working folder.
   *
   * @param report sends one event
   */
  public static PreviousCrashes ofThisJvm(ReportedCrashes reported, Consumer<ObservedPanic> report, StatusSink status) {
    Path workingFolder = Path.of("").toAbsolutePath();
    List<ReportLocation> locations = new ArrayList<>();
    ReportLocation errorFile = HotSpotFlags.ofThisJvm().errorFileLocation(workingFolder);
    if (errorFile != null) {
      locations.add(errorFile);
    }
    locations.add(ReportLocation.workingFolder(workingFolder));
    return new PreviousCrashes(locations, thisJvmStarted(), PreviousCrashes::alive, reported, report, status);
  }

  /**
   * When this JVM started, to the millisecond as the JVM noted it: a service restarted 100 ms after
   * its crash (systemd's default) must see the report as older than itself. The process's start as
   * the kernel tells it is only good to about a second; it serves where {@code java.management} is
   * missing.
   */
  private static Instant thisJvmStarted() {
    try {
      return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    } catch (LinkageError | RuntimeException e) {
      return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
  }

  /** One report that passed the checks. */
  private record Found(HsErrFile.Outcome outcome, FatalErrorBanner banner, long pid) {
    Instant written() {
      return outcome.report().lastModified();
    }
  }

  @Override
  public void run() {
    Map<Path, Long> candidates = candidates();
    if (candidates.isEmpty()) {
      return; // the common case: nothing read, nothing opened
    }
    int uid;
    try {
      uid = ForeignFile.currentUid();
    } catch (IOException e) {
      status.warn("fatal-error reports of earlier runs are not looked at:"
          + " this process's user cannot be told", e);
      return;
    }
    List<Found> found = new ArrayList<>();
    candidates.forEach((file, pid) -> {
      Found one = check(file, pid, uid);
      if (one != null) {
        found.add(one);
      }
    });
    found.sort(Comparator.comparing(Found::written).reversed());
    List<Path> sent = new ArrayList<>();
    int passedOver = 0;
    for (Found one : found) {
      if (!claim(one)) {
        continue; // reported already: by the watcher, or at an earlier start
      }
      if (sent.size() < MAX_REPORTED_PER_START) {
        report.accept(FatalErrorEvent.of(one.written(), one.pid(), one.banner(), one.outcome(), Map.of()));
        sent.add(one.outcome().file());
      } else {
        passedOver++;
      }
    }
    if (!sent.isEmpty()) {
      status.info("reported the fatal error(s) an earlier run left: " + sent);
    }
    if (passedOver > 0) {
      status.warn(passedOver + " older fatal-error report(s) were not reported:"
          + " at most " + MAX_REPORTED_PER_START + " per start, the newest", null);
    }
  }

  /** The names that look like reports, with the pid each name gives (0 for none), in search order. */
  private Map<Path, Long> candidates() {
    Map<Path, Long> candidates = new LinkedHashMap<>();
    for (ReportLocation location : locations) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(location.folder())) {
        for (Path entry : entries) {
          long pid = location.pidOf(entry.getFileName().toString());
          if (pid >= 0) {
            candidates.putIfAbsent(entry.normalize(), pid);
          }
        }
      } catch (NoSuchFileException e) {
        // no such folder: no reports there
      } catch (IOException | RuntimeException e) {
        status.warn("fatal-error reports in [" + location.folder() + "] cannot be listed", e);
      }
    }
    return candidates;
  }

  /** The report at {@code file}, if it is an earlier, finished run's; {@code null} (and why, where it matters) if not. */
  private Found check(Path file, long namedPid, int uid) {
    HsErrFile.Outcome outcome = HsErrFile.readEarlier(file, uid, thisJvmStarted);
    if (outcome.report() == null) {
      // another user's file, a link, a second hard link: worth a word; a report written since this
      // JVM started (a process beside it) is not an earlier run's, and is left alone silently
      if (!outcome.notRead().contains("after this JVM started") && !outcome.notRead().endsWith("it does not exist")) {
        status.warn("the fatal-error report " + outcome.notRead() + "; it is not reported", null);
      }
      return null;
    }
    FatalErrorBanner banner = FatalErrorBanner.inReport(outcome.excerpt());
    long pid = namedPid > 0 ? namedPid : banner == null ? 0 : banner.pid();
    if (banner == null || pid <= 0) {
      status.info(file + " is no fatal-error report (no banner, or no pid); it is not reported");
      return null;
    }
    if (writers.alive(pid, outcome.report().lastModified())) {
      status.info(file + " is left for a later start: process " + pid
          + ", which wrote it, still runs");
      return null;
    }
    return new Found(outcome, banner, pid);
  }

  /** Whether this start reports {@code one}: it claims it, unless it was claimed before. */
  private boolean claim(Found one) {
    try {
      return reported.claim(one.outcome().report());
    } catch (IOException | RuntimeException e) {
      status.warn("cannot record that " + one.outcome().file() + " is reported; it is"
          + " reported now, and may be again at the next start", e);
      return true; // rather twice than never
    }
  }

  /**
   * A process with this pid that was running when the report was last written: it may still be
   * writing it. A process that started after that is another one with the pid again (in a
   * container, PID 1 of every run, this JVM itself), and the report's writer is gone. Another
   * process's start is known to about a second: one that started so soon after counts as running.
   */
  static boolean alive(long pid, Instant reportWritten) {
    if (pid == ProcessHandle.current().pid()) {
      return false; // this JVM, which started after the report was written
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return started.isEmpty() || !started.get().isAfter(reportWritten);
  }
}
