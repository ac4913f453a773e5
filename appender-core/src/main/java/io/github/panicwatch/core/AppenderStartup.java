package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
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
 * enableSentry}, drop a DSN that names an undefined variable (a warning: no DSN, as in
 * sentry-logback), validate the options, relay each problem as an error status, and start {@link
 * Panicwatch}. A frontend only maps the outcome onto its lifecycle: Logback's appender stays
 * unstarted when {@link #valid()} is false, Log4j2's builder returns {@code null}, the watcher runs
 * its command unwatched.
 *
 * <p>Two steps, because Log4j2 validates in its builder and starts the engine later, in the
 * appender's {@code start()}, and the watcher checks beside its starting child and starts the
 * engine only for a crash: {@link #check} decides and reports; {@link #acquire} (an appender's
 * engine, shared across reconfigurations) or {@link #launchForChild} (the watcher's) creates.
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
    String undefinedDsn = options.dropDsnWithUndefinedVariable(variables);
    if (undefinedDsn != null) {
      // a warning, not an error: Spring Boot refuses to start on an ERROR status, not on a WARN
      appenderStatus.warn(
          "the dsn names the variable [" + undefinedDsn + "], which is undefined: there is no DSN, so panics go"
              + " to the outbox [" + options.outboxFile() + "], not to Sentry; write ${" + undefinedDsn
              + ":-} where it is unset on purpose",
          null);
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
   * Reports for this process when {@link #enabled()}: takes the engine that runs for this appender
   * name in {@code scope} when its options are the same as these, else starts one (README
   * "Reconfiguration"; issue 12). The adapter then passes every event to the lease's engine with
   * {@code events}, and ends the lease when the appender stops.
   *
   * @param scope the logging framework's context the appender belongs to (compared by identity):
   *     names count within it
   * @return the appender's hold on its engine; {@code null} when switched off or when no engine
   *     could start (an error status says why)
   */
  public EngineLease acquire(Object scope, FrameworkEvents<?, ?> events) {
    if (!enabled) {
      return null;
    }
    return EngineRegistry.JVM.acquire(scope, name, options, status, previousRing -> start(events, previousRing));
  }

  /**
   * Starts reporting for another process, the watcher's child, when {@link #enabled()}: release,
   * {@code checksum}, {@code commit} and {@code branch} come from {@code childJar} (never from this
   * process's class path), and no uncaught-exception handler is installed here.
   *
   * @param childJar the child's jar, or {@code null} when it runs from none
   */
  public Panicwatch launchForChild(ApplicationJar childJar) {
    return launch(null, childJar, false, null);
  }

  /** Starts an engine for this process, going on with {@code previousRing}'s lines when there is one. */
  Panicwatch start(FrameworkEvents<?, ?> events, BreadcrumbRing previousRing) {
    return launch(events, null, true, previousRing);
  }

  private Panicwatch launch(
      FrameworkEvents<?, ?> events, ApplicationJar childJar, boolean inProcess, BreadcrumbRing previousRing) {
    if (!enabled) {
      return null;
    }
    try {
      // in process: the running application's jar and git.properties (its class path without a jar)
      ApplicationJar jar = inProcess ? ApplicationJar.locate() : childJar;
      GitProperties git =
          inProcess ? GitProperties.ofApplication(jar, Panicwatch.class.getClassLoader()) : GitProperties.ofJar(jar);
      return new Panicwatch(name, options, events, status, jar, git, inProcess, previousRing);
    } catch (RuntimeException e) {
      status.error("could not start", e);
      return null;
    }
  }
}
