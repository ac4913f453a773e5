package io.github.panicwatch.core;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.config.ConfigProblem;
import io.github.panicwatch.core.config.EnableSentry;
import io.github.panicwatch.core.config.PanicwatchOptions;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What every adapter does when its appender starts, in one place: resolve {@code enableSentry},
 * validate the options, relay each problem as a status error, and start {@link Panicwatch}. An
 * adapter only maps the outcome onto its framework's lifecycle: Logback's appender stays unstarted
 * when {@link #valid()} is false, Log4j2's builder returns {@code null}.
 *
 * <p>Two steps, because Log4j2 validates in its builder and starts the engine later, in the
 * appender's {@code start()}: {@link #check} decides and reports; {@link #launch} creates.
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
   * every problem to {@code status}. Creates nothing and never throws.
   *
   * @param contextProperty the logging framework's context property lookup (Logback's context
   *     properties); {@code key -> null} for frameworks without one
   */
  public static AppenderStartup check(
      String name,
      PanicwatchOptions options,
      Function<String, String> contextProperty,
      StatusSink status) {
    EnableSentry.Decision decision = EnableSentry.resolve(options.enableSentry(), contextProperty);
    if (decision.malformed()) {
      status.error(
          "Invalid enableSentry [" + decision.rawValue() + "] from " + decision.source()
              + ": use true or false; Panicwatch stays off",
          null);
    }
    if (!decision.enabled()) {
      status.info("Panicwatch [" + name + "] is off (enableSentry=false from " + decision.source() + ")");
      return new AppenderStartup(name, options, status, false, true); // started but inert
    }
    List<ConfigProblem> problems = options.validate();
    for (ConfigProblem problem : problems) {
      status.error("Appender [" + name + "]: " + problem.message(), null);
    }
    if (!problems.isEmpty()) {
      status.error("Appender [" + name + "] not started: fix the configuration errors above", null);
      return new AppenderStartup(name, options, status, false, false);
    }
    return new AppenderStartup(name, options, status, true, true);
  }

  /** False when the configuration has errors: the appender must not start. */
  public boolean valid() {
    return valid;
  }

  /** True when the appender is valid and reporting is switched on. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Starts reporting when {@link #enabled()}.
   *
   * @param breadcrumbs makes the adapter's kind of breadcrumb ring for a capacity: {@link
   *     BreadcrumbRing#keepingEvents} for events kept whole, {@link BreadcrumbRing#ofSlots} for
   *     lines copied at the call
   * @return the running engine; {@code null} when switched off or when it could not start (an
   *     error status says why)
   */
  public Panicwatch launch(IntFunction<BreadcrumbRing> breadcrumbs) {
    if (!enabled) {
      return null;
    }
    try {
      return Panicwatch.start(name, options, breadcrumbs, status);
    } catch (RuntimeException e) {
      status.error("Appender [" + name + "] could not start", e);
      return null;
    }
  }
}
