package io.github.panicwatch.watch;

import io.github.panicwatch.core.AppenderStartup;
import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.Tag;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.status.StatusSink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The panic-watch command: {@code java -jar panic-watch.jar --config logback.xml -- command…} (or
 * {@code --config log4j2.xml}). Runs
 * the command as a child, passes its output through unchanged, reports the deaths it cannot report
 * itself (uncaught exceptions, OutOfMemoryError, JVM fatal errors, crash signals, Go-style panics)
 * with the Panicwatch appender's settings, and exits with the child's exit code. See the README
 * section "panic-watch: the watcher process". (Named for what it is, the command line's entry
 * point, so it cannot be taken for the core's engine, {@code Panicwatch}; issue 14.)
 */
public final class WatchCommand {
  /** Exit code for a command line the watcher cannot use. */
  static final int USAGE_ERROR = 125;

  private WatchCommand() {}

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
   * The options from the file and the flags, checked through the same start-up as the appenders
   * ({@link AppenderStartup}), or {@code null} when reporting is off or the configuration is
   * unusable: the child then runs unwatched rather than not at all.
   */
  static AppenderStartup reportingStartup(WatchArguments arguments, StatusSink status) {
    PanicwatchOptions options = new PanicwatchOptions();
    Map<String, String> contextProperties = Map.of();
    String name = Watcher.NAME;
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
      name = settings.name() == null || settings.name().isBlank() ? name : settings.name();
    }
    for (Map.Entry<String, String> override : arguments.overrides()) {
      if (override.getKey().equals("tag")) {
        String[] tag = override.getValue().split("=", 2);
        options.addTag(new Tag(tag[0], tag.length == 2 && !tag[1].isEmpty() ? tag[1] : null)); // the core reports a missing value
      } else {
        ConfigProblem problem = OptionTables.APPENDER.bind(options, override.getKey(), override.getValue());
        if (problem != null) {
          status.warn(problem.message(), null);
        }
      }
    }
    // the watcher's own substitution writes a variable nothing defines as ${NAME}
    AppenderStartup startup =
        AppenderStartup.check(name, options, contextProperties::get, UnresolvedVariables.PLACEHOLDER, status);
    if (!startup.valid()) {
      status.error("not reporting: the command runs unwatched", null);
    }
    return startup.enabled() ? startup : null;
  }

  /**
   * {@link #reportingStartup} as the watcher's configuration thread calls it. A class rather than a
   * lambda: the first lambda loads machinery costing milliseconds before the child can start.
   */
  private static final class ReportingOptions implements Callable<AppenderStartup> {
    private final WatchArguments arguments;
    private final StatusSink status;

    ReportingOptions(WatchArguments arguments, StatusSink status) {
      this.arguments = arguments;
      this.status = status;
    }

    @Override
    public AppenderStartup call() {
      return reportingStartup(arguments, status);
    }
  }
}
