package io.github.panicwatch.core.event;

import io.sentry.protocol.SentryException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A panic seen from outside the process that had it, as the panic-watch watcher reads it from the
 * process's output: there is no {@link Throwable}, only what its text said. The exception chain is
 * already in Sentry's form, ordered as the SDK orders a converted throwable (oldest first, so the
 * exception the thread died of is the <em>last</em> element), which makes Sentry group it like an
 * in-process event.
 *
 * @param timestamp when the watcher saw the panic
 * @param message the event's message
 * @param threadName the thread that died, or {@code null} when the text names none
 * @param exceptions the exception chain, last element outermost; empty for none
 * @param tags tags beyond the configured ones (exit code, pid, signal), in order
 * @param extras extra data (hs_err path and excerpt, panic output), in order
 */
public record ObservedPanic(
    Instant timestamp,
    String message,
    String threadName,
    List<SentryException> exceptions,
    Map<String, String> tags,
    Map<String, Object> extras) {

  public ObservedPanic {
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    extras = extras == null ? Map.of() : new LinkedHashMap<>(extras);
  }
}
