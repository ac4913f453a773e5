package io.github.panicwatch.watch;

import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.StatusSink;
import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.event.ApplicationJar;
import io.github.panicwatch.core.scrub.Scrubber;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
 * until then the scanners keep the breadcrumbs themselves ({@link StderrBreadcrumbs}).
 */
final class Watcher {
  static final String NAME = "panic-watch";
  /** Exit code when the command cannot be started, as a shell reports it. */
  static final int CANNOT_START = 127;
  /** How long the streams may stay open after the child's exit (a grandchild may hold them). */
  static final long DRAIN_TIMEOUT_MILLIS = 5_000;

  private final List<String> command;
  private final FutureTask<PanicwatchOptions> options;
  private final List<Pattern> panicHeaders;
  private final long stopTimeoutMillis;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final StatusSink status;
  private StderrBreadcrumbs breadcrumbs; // guarded by this; made once the options are known
  private FutureTask<Panicwatch> engine; // guarded by this; started by the first finding or at the end

  /**
   * @param readOptions reads the configuration: valid options to report with, or {@code null} to
   *     report nothing; runs on a thread of its own while the child starts
   */
  Watcher(
      List<String> command,
      Callable<PanicwatchOptions> readOptions,
      List<Pattern> panicHeaders,
      long stopTimeoutMillis,
      OutputStream stdout,
      OutputStream stderr,
      StatusSink status) {
    this.command = List.copyOf(command);
    this.options = new FutureTask<>(readOptions);
    this.panicHeaders = List.copyOf(panicHeaders);
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.stdout = stdout;
    this.stderr = stderr;
    this.status = status;
  }

  int run() throws InterruptedException {
    // Until the child runs, only plain calls: the watcher's start-up delays the child's, and the
    // first lambda, string concatenation or ProcessHandle each load machinery costing milliseconds.
    // reporting may turn out to be off; the child's appender then writes a file nobody reads
    Path handOff = createHandOffFile();
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
    if (handOff != null) {
      builder.environment().put(WatcherHandOff.ENVIRONMENT_VARIABLE, handOff.toString());
    }
    // a stream going to a regular file goes there straight from the child, and is read back from
    // it, from where the file ended before the child started
    FileTail.Start stdoutFile = FileTail.Start.of(1);
    FileTail.Start stderrFile = FileTail.Start.of(2);
    if (stdoutFile != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    }
    if (stderrFile != null) {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    Process child;
    try {
      child = builder.start(); // first: nothing else competes with it for the CPU
    } catch (IOException e) {
      status.error("cannot run " + command.get(0), e);
      close(null, handOff);
      return CANNOT_START;
    }
    // the configuration is read while the child starts up; the scanners wait for it
    Thread config = new Thread(options, "panic-watch-config");
    config.setDaemon(true);
    config.start();
    ChildStopper stopper = new ChildStopper(child, stopTimeoutMillis, this::reportTimeoutMillis).install();
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
      pumped.add(new StreamPump("stdout", child.getInputStream(), stdout,
          () -> scanner(false, foundOnStdout, false), status).start());
    } else if (!oneFile) {
      addTail(tailed, FileTail.open("stdout", stdoutFile, () -> scanner(false, foundOnStdout, true), status));
    }
    if (stderrFile == null) {
      pumped.add(new StreamPump("stderr", child.getErrorStream(), stderr,
          () -> scanner(true, foundOnStderr, false), status).start());
    } else {
      addTail(tailed, FileTail.open("stderr", stderrFile, () -> scanner(true, foundOnStderr, true), status));
    }
    int exitCode = child.waitFor();
    awaitScans(pumped, tailed);
    PanicwatchOptions reporting = reportingOptions();
    Panicwatch engine = null;
    // a clean exit with nothing seen is the common case: no scrubber to compile, nothing to report
    boolean clean = exitCode == 0 && findings.isEmpty() && !engineStarted();
    if (reporting != null && !clean) {
      CrashReporter reporter =
          new CrashReporter(Scrubber.compile(reporting.scrub()), command, Path.of("").toAbsolutePath());
      List<WatcherHandOff.Reported> handedOff = handOff == null ? List.of() : WatcherHandOff.read(handOff);
      CrashReporter.ChildExit exit = new CrashReporter.ChildExit(child.pid(), exitCode, stopper.stopRequested());
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
   * Waits until every stream is scanned to its end: a pumped one at most {@link
   * #DRAIN_TIMEOUT_MILLIS} (a grandchild may hold the pipe open), a tailed file up to its size now.
   */
  private void awaitScans(List<ScannedStream> pumped, List<ScannedStream> tailed) throws InterruptedException {
    for (ScannedStream stream : tailed) {
      stream.childExited(); // a file does not end: read what is there now, no timeout needed
    }
    boolean drained = true;
    for (ScannedStream stream : pumped) {
      drained &= stream.awaitScanned(DRAIN_TIMEOUT_MILLIS);
    }
    if (!drained) {
      status.warn("the child's output is still open " + DRAIN_TIMEOUT_MILLIS
          + " ms after it exited (a process it started holds it?); reporting what was read", null);
    }
    for (ScannedStream stream : tailed) {
      stream.awaitScanned(Long.MAX_VALUE);
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
        PanicwatchOptions read = options.get();
        flushTimeout = read == null ? 0 : read.flushTimeoutMillis();
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
        PanicwatchOptions options = this.options.get();
        // the watcher reports with breadcrumbs of its own (stderr lines); a ring of slots makes
        // its slots only when written, so this one costs nothing
        return Panicwatch.start(NAME, options, BreadcrumbRing::ofSlots, status, childJar(command));
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
      return options.get();
    } catch (ExecutionException e) {
      status.error("not reporting: reading the configuration failed", e.getCause());
      return null;
    }
  }

  /** The configured options, or {@code null} when not reporting (or reading them failed). */
  private PanicwatchOptions options() throws InterruptedException {
    try {
      return options.get();
    } catch (ExecutionException e) {
      return null; // reported once, by reportingOptions
    }
  }

  /** The breadcrumbs now; only called once the options are known to be non-null. */
  private List<RecordedLine> latestBreadcrumbs() {
    try {
      return breadcrumbs(options.get()).snapshot();
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

  private Path createHandOffFile() {
    try {
      return createPrivateFile();
    } catch (IOException | UnsupportedOperationException e) {
      // not POSIX, or the name is taken: the JDK's own temp file (its SecureRandom costs start-up time)
    }
    try {
      return Files.createTempFile("panicwatch-handoff-", ".txt");
    } catch (IOException e) {
      status.warn("cannot create the hand-off file; an uncaught exception the appender in the child"
          + " reports may be reported twice", e);
      return null;
    }
  }

  /** A new file only we can read, named by the clock; created exclusively, so never someone else's. */
  private static Path createPrivateFile() throws IOException {
    // no pid in the name: ProcessHandle alone costs milliseconds before the child starts
    Path name = Path.of(System.getProperty("java.io.tmpdir"),
        new StringBuilder("panicwatch-handoff-").append(System.nanoTime()).append(".txt").toString());
    return Files.createFile(name, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
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
