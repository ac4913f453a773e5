package io.github.panicwatch.watch;

import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.crash.HotSpotFlags;
import io.github.panicwatch.core.crash.ReportedCrashes;
import io.github.panicwatch.core.event.ApplicationJar;
import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.storage.ForeignFile;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One run of the watcher: starts the child (stdin inherited, stdout and stderr through a
 * {@link StreamPump} each or, where the watcher's own stream is a regular file, straight into that
 * file, scanned by a {@link FileTail} reading it back), waits for it to exit and for both streams
 * to be scanned, reports what the detectors saw through the core engine, flushes, and returns the
 * child's exit code. Without
 * options (reporting off) it only runs and pumps. The child starts first: the configuration is
 * read beside it (the scanners' chunks queue up meanwhile), and the engine (Sentry client,
 * delivery) is built only once there is something to report, on the first finding or at the end;
 * until then the scanners keep the breadcrumbs themselves ({@link StderrBreadcrumbs}). While the
 * child runs, the main thread reads the cgroup's OOM killer count once a second ({@link
 * OomKillWatch}), so that a SIGKILL can be told to be the kernel's.
 */
final class Watcher {
  static final String NAME = "panic-watch";
  /** Exit code when the command cannot be started, as a shell reports it. */
  static final int CANNOT_START = 127;
  /**
   * Said once when the watcher is a container's PID 1, which inherits every orphan of the
   * container and must reap it; a JVM can wait only for the processes it started itself.
   */
  static final String PID_1_WARNING = "running as PID 1: processes orphaned in this container are not reaped"
      + " (a JVM can wait only for its own children) and stay as zombies; run the watcher under an init:"
      + " docker run --init, or tini in the image (ENTRYPOINT [\"tini\", \"--\", \"java\", \"-jar\","
      + " \"panic-watch.jar\", ...])";
  /** How long the streams may stay open after the child's exit (a grandchild may hold them). */
  static final long DRAIN_TIMEOUT_MILLIS = 5_000;

  private final List<String> command;
  private final FutureTask<AppenderStartup> options;
  private final List<Pattern> panicHeaders;
  private final long stopTimeoutMillis;
  private final Path cgroup;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final StatusSink status;
  private StderrBreadcrumbs breadcrumbs; // guarded by this; made once the options are known
  private FutureTask<Panicwatch> engine; // guarded by this; started by the first finding or at the end

  /**
   * @param readOptions reads and checks the configuration through the core's start-up: a start-up
   *     to report with, or {@code null} to report nothing; runs on a thread of its own while the
   *     child starts
   * @param cgroup the folder of the cgroup's memory files, {@code null} for the watcher's own
   */
  Watcher(
      List<String> command,
      Callable<AppenderStartup> readOptions,
      List<Pattern> panicHeaders,
      long stopTimeoutMillis,
      Path cgroup,
      OutputStream stdout,
      OutputStream stderr,
      StatusSink status) {
    this.command = List.copyOf(command);
    this.options = new FutureTask<>(readOptions);
    this.panicHeaders = List.copyOf(panicHeaders);
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.cgroup = cgroup;
    this.stdout = stdout;
    this.stderr = stderr;
    this.status = status;
  }

  int run() throws InterruptedException {
    // Until the child runs, only plain calls: the watcher's start-up delays the child's, and the
    // first lambda, string concatenation or ProcessHandle each load machinery costing milliseconds.
    // The hand-off file's name is chosen now and the file made once the child runs (checking the
    // private folder costs milliseconds); a JVM child needs far longer than that to reach its first
    // uncaught exception. Reporting may turn out to be off; the child's appender then writes a file
    // nobody reads.
    Path handOff = WatcherHandOff.plan(System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put(WatcherHandOff.ENVIRONMENT_VARIABLE, handOff.toString());
    // a stream going to a regular file goes there straight from the child, and is read back from
    // it, from where the file ended before the child started
    FileTail.Start stdoutFile = FileTail.Start.of(1);
    FileTail.Start stderrFile = FileTail.Start.of(2);
    // a stream that is copied goes through a pipe of the watcher's own, which ends only when a
    // grandchild holding it has closed it too (issue 12); else through the JDK's
    ChildPipe stdoutPipe = stdoutFile == null ? ChildPipe.open() : null;
    ChildPipe stderrPipe = stderrFile == null ? ChildPipe.open() : null;
    if (stdoutFile != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    } else if (stdoutPipe != null) {
      builder.redirectOutput(stdoutPipe.redirect());
    }
    if (stderrFile != null) {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    } else if (stderrPipe != null) {
      builder.redirectError(stderrPipe.redirect());
    }
    // before the child starts: a signal landing between the start and the hook would end the
    // watcher at once and orphan the child
    ChildStopper stopper = new ChildStopper(stopTimeoutMillis);
    if (!stopper.install()) {
      closePipes(stdoutPipe, stderrPipe);
      status.error("not starting " + command.get(0) + ": the watcher is being stopped", null);
      return CANNOT_START;
    }
    long startedAt = System.currentTimeMillis(); // an hs_err file older than this is an earlier process's
    Process child;
    try {
      child = builder.start(); // first: nothing else competes with it for the CPU
    } catch (IOException | RuntimeException e) {
      child = null;
      if (stdoutPipe != null || stderrPipe != null) {
        // what failed may be opening our pipes through /proc (a restricted /proc): the JDK's pipes, then
        closePipes(stdoutPipe, stderrPipe);
        stdoutPipe = null;
        stderrPipe = null;
        child = startWithJdkPipes(builder, stdoutFile == null, stderrFile == null);
      }
      if (child == null) {
        stopper.finished(CANNOT_START);
        status.error("cannot run " + command.get(0), e);
        return CANNOT_START; // the hand-off file was only named, never made
      }
    }
    stopper.started(child, this::reportTimeoutMillis);
    childStarted(stdoutPipe);
    childStarted(stderrPipe);
    // the configuration is read while the child starts up; the scanners wait for it
    Thread config = new Thread(options, "panic-watch-config");
    config.setDaemon(true);
    config.start();
    handOff = createHandOffFile(handOff);
    if (ProcessHandle.current().pid() == 1) {
      status.warn(PID_1_WARNING, null);
    }
    // each finding as it will be reported: a stdout one gets the breadcrumbs at the end, since the
    // stderr lines written before it may not have been scanned yet when it is seen
    Queue<Supplier<Finding>> findings = new ConcurrentLinkedQueue<>();
    Consumer<Finding> foundOnStdout = finding -> {
      findings.add(() -> finding.withBreadcrumbs(latestBreadcrumbs()));
      startEngine(); // it will be needed: build it while the child is still dying
    };
    Consumer<Finding> foundOnStderr = finding -> {
      findings.add(() -> finding);
      startEngine();
    };
    List<ScannedStream> pumped = new ArrayList<>();
    List<ScannedStream> tailed = new ArrayList<>();
    // one file for both: the tail of stderr scans both
    boolean oneFile = stdoutFile != null && stderrFile != null && stdoutFile.sameFileAs(stderrFile);
    if (stdoutFile == null) {
      pumped.add(new StreamPump("stdout", stdoutPipe == null ? child.getInputStream() : stdoutPipe.input(), stdout,
          () -> scanner(false, foundOnStdout, false), status).start());
    } else if (!oneFile) {
      addTail(tailed, FileTail.open("stdout", stdoutFile, () -> scanner(false, foundOnStdout, true), status));
    }
    if (stderrFile == null) {
      pumped.add(new StreamPump("stderr", stderrPipe == null ? child.getErrorStream() : stderrPipe.input(), stderr,
          () -> scanner(true, foundOnStderr, false), status).start());
    } else {
      addTail(tailed, FileTail.open("stderr", stderrFile, () -> scanner(true, foundOnStderr, true), status));
    }
    OomKillWatch oomKills = OomKillWatch.start(cgroup, status);
    int exitCode = oomKills.awaitExit(child);
    // read at once: the counts of a death by SIGKILL, from the kernel's OOM killer or not
    OomKillEvidence memory = Signals.SIGKILL.equals(Signals.fromExitCode(exitCode)) ? oomKills.afterDeath() : null;
    awaitScans(pumped, tailed);
    PanicwatchOptions reporting = reportingOptions();
    Panicwatch engine = null;
    // a clean exit with nothing seen is the common case: nothing to report, no engine to build
    boolean clean = exitCode == 0 && findings.isEmpty() && !engineStarted();
    if (reporting != null && !clean) {
      // the child runs as the watcher's user, in its folder, with its environment
      CrashReporter reporter = new CrashReporter(HotSpotFlags.of(command, System.getenv()), Path.of("").toAbsolutePath(),
          ownUid(), ReportedCrashes.of(reporting, status), status);
      List<WatcherHandOff.Reported> handedOff = handOff == null ? List.of() : WatcherHandOff.read(handOff);
      CrashReporter.ChildExit exit = new CrashReporter.ChildExit(
          child.pid(), exitCode, stopper.stopRequested(), Instant.ofEpochMilli(startedAt), memory);
      List<CrashReporter.Report> reports =
          reporter.reports(findings.stream().map(Supplier::get).toList(), handedOff, exit, this::latestBreadcrumbs);
      if (!reports.isEmpty() || engineStarted()) {
        engine = awaitEngine(); // started by a finding even if the child's appender reported it: close it
      }
      for (CrashReporter.Report report : engine == null ? List.<CrashReporter.Report>of() : reports) {
        engine.capture(report.panic(), report.breadcrumbs());
      }
    }
    close(engine, handOff); // flushes, bounded by flushTimeoutMillis
    stopper.finished(exitCode);
    return exitCode;
  }

  /**
   * Waits until every stream is scanned to its end: the pumped ones until their pipes end (the
   * child and every process it left holding them, a grandchild, have closed them), both together
   * at most {@link #DRAIN_TIMEOUT_MILLIS} after the child's exit; a tailed file up to its size now.
   */
  private void awaitScans(List<ScannedStream> pumped, List<ScannedStream> tailed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MILLIS);
    for (ScannedStream stream : tailed) {
      stream.childExited(); // a file does not end: read what is there now, no timeout needed
    }
    boolean drained = true;
    for (ScannedStream stream : pumped) {
      drained &= stream.awaitScanned(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    if (!drained) {
      status.warn("the child's output is still open " + DRAIN_TIMEOUT_MILLIS
          + " ms after it exited (a process it started holds it?); going on with what was read", null);
    }
    for (ScannedStream stream : tailed) {
      stream.awaitScanned(Long.MAX_VALUE);
    }
  }

  /** The child started once more, with the JDK's pipes for the copied streams; {@code null} if that fails too. */
  private static Process startWithJdkPipes(ProcessBuilder builder, boolean stdoutCopied, boolean stderrCopied) {
    if (stdoutCopied) {
      builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    }
    if (stderrCopied) {
      builder.redirectError(ProcessBuilder.Redirect.PIPE);
    }
    try {
      return builder.start();
    } catch (IOException | RuntimeException e) {
      return null; // the first failure is the one reported
    }
  }

  private static void childStarted(ChildPipe pipe) {
    if (pipe != null) {
      pipe.childStarted();
    }
  }

  private static void closePipes(ChildPipe... pipes) {
    for (ChildPipe pipe : pipes) {
      if (pipe != null) {
        pipe.close();
      }
    }
  }

  private static void addTail(List<ScannedStream> tailed, FileTail tail) {
    if (tail != null) {
      tailed.add(tail.start());
    }
  }

  /** How long reporting may take once the child is gone: draining, then capture and flush. */
  private long reportTimeoutMillis() {
    long flushTimeout = PanicwatchOptions.DEFAULT_FLUSH_TIMEOUT_MILLIS; // if the configuration is still being read
    if (options.isDone()) {
      try {
        AppenderStartup read = options.get();
        flushTimeout = read == null ? 0 : read.options().flushTimeoutMillis();
      } catch (ExecutionException | InterruptedException e) {
        flushTimeout = 0;
      }
    }
    return DRAIN_TIMEOUT_MILLIS + 2 * flushTimeout + 1_000;
  }

  /**
   * Starts building the engine (Sentry client, scrubber, delivery thread) on a thread of its own,
   * once: only a child that died needs it, so a healthy run never pays for it.
   */
  private synchronized FutureTask<Panicwatch> startEngine() {
    if (engine == null) {
      engine = new FutureTask<>(() -> {
        Panicwatch started = this.options.get().launchForChild(childJar(command));
        if (started == null) {
          throw new IllegalStateException("the engine did not start; see above");
        }
        return started;
      });
      Thread thread = new Thread(engine, "panic-watch-engine");
      thread.setDaemon(true);
      thread.start();
    }
    return engine;
  }

  private synchronized boolean engineStarted() {
    return engine != null;
  }

  /** The engine, or {@code null} (nothing is reported) if building it failed. */
  private Panicwatch awaitEngine() throws InterruptedException {
    try {
      return startEngine().get();
    } catch (ExecutionException e) {
      status.error("not reporting: the reporting engine did not start", e.getCause());
      return null;
    }
  }

  /** The options once read, with a message if reading them failed; {@code null} when not reporting. */
  private PanicwatchOptions reportingOptions() throws InterruptedException {
    try {
      AppenderStartup startup = options.get();
      return startup == null ? null : startup.options();
    } catch (ExecutionException e) {
      status.error("not reporting: reading the configuration failed", e.getCause());
      return null;
    }
  }

  /** The configured options, or {@code null} when not reporting (or reading them failed). */
  private PanicwatchOptions options() throws InterruptedException {
    try {
      AppenderStartup startup = options.get();
      return startup == null ? null : startup.options();
    } catch (ExecutionException e) {
      return null; // reported once, by reportingOptions
    }
  }

  /** The breadcrumbs now; only called once the options are known to be non-null. */
  private List<RecordedLine> latestBreadcrumbs() {
    try {
      return breadcrumbs(options.get().options()).snapshot();
    } catch (ExecutionException | InterruptedException e) {
      throw new IllegalStateException("the options were read before any finding", e);
    }
  }

  private synchronized StderrBreadcrumbs breadcrumbs(PanicwatchOptions options) {
    if (breadcrumbs == null) {
      breadcrumbs = new StderrBreadcrumbs(options.maxBreadcrumbs());
    }
    return breadcrumbs;
  }

  /**
   * The scanner of one stream once the options are known; {@code null} when not reporting.
   *
   * @param tailed read back from a file the watcher's own messages go to as well: those are skipped
   */
  private StreamScanner scanner(boolean stderr, Consumer<Finding> findings, boolean tailed) {
    PanicwatchOptions options;
    try {
      options = options();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (options == null) {
      return null;
    }
    List<Detector> detectors =
        List.of(
            new UncaughtTraceDetector(),
            new OutOfMemoryExitDetector(),
            new FatalErrorDetector(),
            new PanicHeaderDetector(panicHeaders));
    return new StreamScanner(detectors, breadcrumbs(options), stderr, findings, tailed ? StderrStatus.PREFIX : null);
  }

  /** Makes the planned hand-off file; {@code null} (and a warning) when it cannot be had. */
  private Path createHandOffFile(Path planned) {
    try {
      if (WatcherHandOff.create(planned, status)) {
        return planned;
      }
      status.warn("cannot create the hand-off file in the folder [" + planned.getParent() + "] (see above); an"
          + " uncaught exception the appender in the child reports may be reported twice", null);
    } catch (IOException | RuntimeException e) {
      status.warn("cannot create the hand-off file; an uncaught exception the appender in the child"
          + " reports may be reported twice", e);
    }
    return null;
  }

  private static void close(Panicwatch engine, Path handOff) {
    if (engine != null) {
      engine.close();
    }
    if (handOff != null) {
      try {
        Files.deleteIfExists(handOff);
      } catch (IOException e) {
        // a stale empty file in the temp directory harms nobody
      }
    }
  }

  /** The user this process's files belong to, so its child's too; -1 where that cannot be told (no file is then read). */
  private static int ownUid() {
    try {
      return ForeignFile.currentUid();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The jar of {@code java … -jar app.jar …}: release and checksum of the events come from it. */
  static ApplicationJar childJar(List<String> command) {
    int index = command.indexOf("-jar");
    if (index < 0 || index + 1 >= command.size()) {
      return null;
    }
    File jar = new File(command.get(index + 1));
    return jar.isFile() ? ApplicationJar.of(jar) : null;
  }
}
