package io.github.panicwatch.core;

import io.github.panicwatch.core.config.EnableSentry;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.event.ApplicationJar;
import io.github.panicwatch.core.event.GitProperties;
import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.status.StatusSink;
import java.util.List;
import java.util.function.Function;

/**
 * How reporting starts, in one place, for both adapters and the watcher: resolve {@code
 * enableSentry}, validate the options, relay each problem as an error status, and start {@link
 * Panicwatch}. A frontend only maps the outcome onto its lifecycle: Logback's appender stays
 * unstarted when {@link #valid()} is false, Log4j2's builder returns {@code null}, the watcher runs
 * its command unwatched.
 *
 * <p>Two steps, because Log4j2 validates in its builder and starts the engine later, in the
 * appender's {@code start()}, and the watcher checks beside its starting child and starts the
 * engine only for a crash: {@link #check} decides and reports; {@link #launch} creates.
 */
public final class AppenderStartup {
  private final String name;
  private final PanicwatchOptions options;
  private final StatusSink status;
  private final boolean enabled;
  private final boolean valid;

  private AppenderStartup(
      String name, PanicwatchOptions options, StatusSink status, boolean enabled, boolean valid) {
    this.name = name;
    this.options = options;
    this.status = status;
    this.enabled = enabled;
    this.valid = valid;
  }

  /**
   * Decides whether the appender named {@code name} may start and whether it reports, relaying
   * every problem to {@code status} as {@code Panicwatch [name]: …}. Creates nothing and never
   * throws.
   *
   * @param contextProperty the logging framework's context property lookup (Logback's context
   *     properties); {@code key -> null} for frameworks without one
   * @param variables finds what the frontend left in an option's text of a variable it could not
   *     resolve: that option is an error
   */
  public static AppenderStartup check(
      String name,
      PanicwatchOptions options,
      Function<String, String> contextProperty,
      UnresolvedVariables variables,
      StatusSink status) {
    StatusSink appenderStatus = status.forAppender(name);
    EnableSentry.Decision decision = EnableSentry.resolve(options.enableSentry(), contextProperty, variables);
    if (decision.problem() != null) {
      appenderStatus.error(decision.problem(), null);
    }
    if (!decision.enabled()) {
      appenderStatus.info("switched off (enableSentry=false from " + decision.source() + ")");
      return new AppenderStartup(name, options, appenderStatus, false, true); // started but inert
    }
    List<ConfigProblem> problems = options.validate(variables);
    for (ConfigProblem problem : problems) {
      appenderStatus.error(problem.message(), null);
    }
    if (!problems.isEmpty()) {
      appenderStatus.error("not started: fix the configuration errors above", null);
      return new AppenderStartup(name, options, appenderStatus, false, false);
    }
    return new AppenderStartup(name, options, appenderStatus, true, true);
  }

  /** False when the configuration has errors: the appender must not start. */
  public boolean valid() {
    return valid;
  }

  /** True when the appender is valid and reporting is switched on. */
  public boolean enabled() {
    return enabled;
  }

  /** The options checked. */
  public PanicwatchOptions options() {
    return options;
  }

  /**
   * Starts reporting for this process when {@link #enabled()}: the adapter then passes every event
   * to {@link Panicwatch#append} with {@code events}.
   *
   * @return the running engine; {@code null} when switched off or when it could not start (an
   *     error status says why)
   */
  public Panicwatch launch(FrameworkEvents<?, ?> events) {
    return launch(events, null, true);
  }

  /**
   * Starts reporting for another process, the watcher's child, when {@link #enabled()}: release,
   * {@code checksum}, {@code commit} and {@code branch} come from {@code childJar} (never from this
   * process's class path), and no uncaught-exception handler is installed here.
   *
   * @param childJar the child's jar, or {@code null} when it runs from none
   */
  public Panicwatch launchForChild(ApplicationJar childJar) {
    return launch(null, childJar, false);
  }

  private Panicwatch launch(FrameworkEvents<?, ?> events, ApplicationJar childJar, boolean inProcess) {
    if (!enabled) {
      return null;
    }
    try {
      // in process: the running application's jar and git.properties (its class path without a jar)
      ApplicationJar jar = inProcess ? ApplicationJar.locate() : childJar;
      GitProperties git =
          inProcess ? GitProperties.ofApplication(jar, Panicwatch.class.getClassLoader()) : GitProperties.ofJar(jar);
      return new Panicwatch(name, options, events, status, jar, git, inProcess);
    } catch (RuntimeException e) {
      status.error("could not start", e);
      return null;
    }
  }
}
