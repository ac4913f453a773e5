package io.github.panicwatch.testing;

import io.github.panicwatch.core.select.Severity;
import java.util.List;
import java.util.Map;

/**
 * One logging framework with a Panicwatch appender, as {@link AppenderScenarios} drives it. Each
 * adapter's tests implement it over the framework's own configuration and logging API, so the
 * shared scenarios check both adapters by the same option names a user writes.
 */
public interface AppenderHarness {

  /**
   * Configures a fresh logging context whose root logger (level DEBUG) writes to a Panicwatch
   * appender named {@code PANIC}, the way a user's configuration file would, and starts it.
   *
   * @param options option name (as in the README's table) to value; {@code proxy.host} for an
   *     option of a nested element, comma-separated entries for a repeatable option ({@link
   *     WrittenOptions})
   * @param tags tag name to value, in order
   * @throws AssertionError when the appender does not exist or did not start
   */
  void start(Map<String, String> options, Map<String, String> tags);

  /**
   * Logs through the framework's ordinary API.
   *
   * @param marker a marker name, or {@code null} for none
   * @param arguments the template's arguments; a trailing {@link Throwable} is the exception
   */
  void log(String logger, Severity level, String marker, String template, Object... arguments);

  /** Puts a value into the calling thread's diagnostic context (SLF4J MDC, Log4j2 ThreadContext). */
  void putContext(String key, String value);

  /** Empties the calling thread's diagnostic context. */
  void clearContext();

  /** Stops the logging context, which stops the appender and flushes what it has queued. */
  void stop();

  /**
   * The appender's status lines so far, stop included, each as {@code LEVEL Panicwatch [PANIC]: …}
   * with the level {@code INFO}, {@code WARN} or {@code ERROR}.
   */
  List<String> statusLines();
}
