package io.github.panicwatch.watch;

import io.github.panicwatch.core.StatusSink;
import io.github.panicwatch.core.config.ConfigProblem;
import io.github.panicwatch.core.config.EnableSentry;
import io.github.panicwatch.core.config.OptionBinder;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The panic-watch command: {@code java -jar panic-watch.jar --config logback.xml -- command…} (or
 * {@code --config log4j2.xml}). Runs
 * the command as a child, passes its output through unchanged, reports the deaths it cannot report
 * itself (uncaught exceptions, OutOfMemoryError, JVM fatal errors, crash signals, Go-style panics)
 * with the Panicwatch appender's settings, and exits with the child's exit code. See the README
 * section "panic-watch: the watcher process".
 */
public final class PanicWatch {
  /** Exit code for a command line the watcher cannot use. */
  static final int USAGE_ERROR = 125;

  private PanicWatch() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.err));
  }

  static int run(String[] args, PrintStream err) throws InterruptedException {
    WatchArguments arguments;
    try {
      arguments = WatchArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("panic-watch: " + e.getMessage());
      err.println(WatchArguments.USAGE);
      return USAGE_ERROR;
    }
    StatusSink status = new StderrStatus(err, arguments.verbose());
    // raw descriptors, not System.out: no buffering, no charset, nothing between child and terminal
    Watcher watcher =
        new Watcher(
            arguments.command(),
            new ReportingOptions(arguments, status), // read while the child starts
            arguments.panicHeaders(),
            arguments.stopTimeoutMillis(),
            arguments.cgroup(),
            new FileOutputStream(FileDescriptor.out),
            new FileOutputStream(FileDescriptor.err),
            status);
    return watcher.run();
  }

  /**
   * The options from the file and the flags, or {@code null} when reporting is off or the
   * configuration is unusable: the child then runs unwatched rather than not at all.
   */
  static PanicwatchOptions reportingOptions(WatchArguments arguments, StatusSink status) {
    PanicwatchOptions options = new PanicwatchOptions();
    Map<String, String> contextProperties = Map.of();
    if (arguments.config() != null) {
      AppenderSettings settings =
          new ConfigFileReader(System::getProperty, System::getenv).read(arguments.config(), arguments.appenderName());
      settings.problems().forEach(problem -> status.warn(problem, null));
      if (!settings.found()) {
        status.error("not reporting: no usable Panicwatch appender in " + arguments.config(), null);
        return null;
      }
      options = settings.options();
      contextProperties = settings.contextProperties();
    }
    for (Map.Entry<String, String> override : arguments.overrides()) {
      ConfigProblem problem = null;
      if (override.getKey().equals("tag")) {
        String[] tag = override.getValue().split("=", 2);
        options.addTag(new Tag(tag[0], tag.length == 2 ? tag[1] : null)); // the core reports a missing value
      } else {
        problem = OptionBinder.APPENDER.bind(options, override.getKey(), override.getValue());
      }
      if (problem != null) {
        status.warn(problem.message(), null);
      }
    }
    options.setCaptureUncaught(false); // the watcher's own threads are not the child's
    EnableSentry.Decision decision = EnableSentry.resolve(options.enableSentry(), contextProperties::get);
    if (decision.malformed()) {
      status.error("Invalid enableSentry [" + decision.rawValue() + "] from " + decision.source()
          + ": use true or false; not reporting", null);
    }
    if (!decision.enabled()) {
      status.info("not reporting: enableSentry=false from " + decision.source());
      return null;
    }
    List<ConfigProblem> problems = options.validate();
    problems.forEach(problem -> status.error(problem.message(), null));
    if (!problems.isEmpty()) {
      status.error("not reporting: fix the configuration errors above; the command runs unwatched", null);
      return null;
    }
    return options;
  }

  /**
   * {@link #reportingOptions} as the watcher's configuration thread calls it. A class rather than a
   * lambda: the first lambda loads machinery costing milliseconds before the child can start.
   */
  private static final class ReportingOptions implements Callable<PanicwatchOptions> {
    private final WatchArguments arguments;
    private final StatusSink status;

    ReportingOptions(WatchArguments arguments, StatusSink status) {
      this.arguments = arguments;
      this.status = status;
    }

    @Override
    public PanicwatchOptions call() {
      return reportingOptions(arguments, status);
    }
  }
}
