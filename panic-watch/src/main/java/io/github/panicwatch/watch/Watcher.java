package io.github.panicwatch.watch;

import io.github.panicwatch.core.Panicwatch;
import io.github.panicwatch.core.StatusSink;
import io.github.panicwatch.core.WatcherHandOff;
import io.github.panicwatch.core.breadcrumbs.MessageRenderer;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.event.ApplicationJar;
import io.github.panicwatch.core.scrub.Scrubber;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * One run of the watcher: starts the child (stdin inherited, stdout and stderr through a
 * {@link StreamPump} each), waits for it to exit and for both streams to drain, reports what the
 * detectors saw through the core engine, flushes, and returns the child's exit code. Without
 * options (reporting off) it only runs and pumps.
 */
final class Watcher {
  static final String NAME = "panic-watch";
  /** Exit code when the command cannot be started, as a shell reports it. */
  static final int CANNOT_START = 127;
  /** How long the streams may stay open after the child's exit (a grandchild may hold them). */
  static final long DRAIN_TIMEOUT_MILLIS = 5_000;

  private final List<String> command;
  private final PanicwatchOptions options;
  private final List<Pattern> panicHeaders;
  private final long stopTimeoutMillis;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final StatusSink status;

  /** @param options valid options to report with, or {@code null} to report nothing */
  Watcher(
      List<String> command,
      PanicwatchOptions options,
      List<Pattern> panicHeaders,
      long stopTimeoutMillis,
      OutputStream stdout,
      OutputStream stderr,
      StatusSink status) {
    this.command = List.copyOf(command);
    this.options = options;
    this.panicHeaders = List.copyOf(panicHeaders);
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.stdout = stdout;
    this.stderr = stderr;
    this.status = status;
  }

  int run() throws InterruptedException {
    Panicwatch engine = null;
    Path handOff = null;
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
    if (options != null) {
      engine = Panicwatch.start(NAME, options, MessageRenderer.VERBATIM, status, childJar(command));
      handOff = createHandOffFile();
      if (handOff != null) {
        builder.environment().put(WatcherHandOff.ENVIRONMENT_VARIABLE, handOff.toString());
      }
    }
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      status.error("cannot run " + command.get(0), e);
      close(engine, handOff);
      return CANNOT_START;
    }
    long reportTimeout = DRAIN_TIMEOUT_MILLIS + (options == null ? 0 : 2 * options.flushTimeoutMillis()) + 1_000;
    ChildStopper stopper = new ChildStopper(child, stopTimeoutMillis, reportTimeout).install();
    Queue<Finding> findings = new ConcurrentLinkedQueue<>();
    StreamPump out =
        new StreamPump("stdout", child.getInputStream(), stdout, scanner(engine, false, findings), status).start();
    StreamPump err =
        new StreamPump("stderr", child.getErrorStream(), stderr, scanner(engine, true, findings), status).start();
    int exitCode = child.waitFor();
    boolean drained = out.awaitDrained(DRAIN_TIMEOUT_MILLIS) & err.awaitDrained(DRAIN_TIMEOUT_MILLIS);
    if (!drained) {
      status.warn("the child's output is still open " + DRAIN_TIMEOUT_MILLIS
          + " ms after it exited (a process it started holds it?); reporting what was read", null);
    }
    if (engine != null) {
      CrashReporter reporter =
          new CrashReporter(Scrubber.compile(options.scrub()), command, Path.of("").toAbsolutePath());
      List<WatcherHandOff.Reported> handedOff = handOff == null ? List.of() : WatcherHandOff.read(handOff);
      CrashReporter.ChildExit exit = new CrashReporter.ChildExit(child.pid(), exitCode, stopper.stopRequested());
      for (CrashReporter.Report report :
          reporter.reports(new ArrayList<>(findings), handedOff, exit, engine.breadcrumbs()::snapshot)) {
        engine.capture(report.panic(), report.breadcrumbs());
      }
    }
    close(engine, handOff); // flushes, bounded by flushTimeoutMillis
    stopper.finished(exitCode);
    return exitCode;
  }

  private StreamScanner scanner(Panicwatch engine, boolean stderr, Queue<Finding> findings) {
    if (engine == null) {
      return null;
    }
    List<Detector> detectors =
        List.of(
            new UncaughtTraceDetector(),
            new OutOfMemoryExitDetector(),
            new FatalErrorDetector(),
            new PanicHeaderDetector(panicHeaders));
    return new StreamScanner(detectors, engine.breadcrumbs(), stderr, findings::add);
  }

  private Path createHandOffFile() {
    try {
      return Files.createTempFile("panicwatch-handoff-", ".txt");
    } catch (IOException e) {
      status.warn("cannot create the hand-off file; an uncaught exception the appender in the child"
          + " reports may be reported twice", e);
      return null;
    }
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
