package io.github.panicwatch.core.breadcrumbs;

import io.github.panicwatch.core.select.Severity;
import java.util.Map;

/**
 * One log line as it was at its log call, read out of the {@link BreadcrumbRing} for a panic.
 *
 * @param epochNanos when it was logged, nanoseconds since the epoch
 * @param mdc the thread's diagnostic context at the call; empty when there was none
 */
public record RecordedLine(
    long epochNanos,
    Severity level,
    String logger,
    String thread,
    String message,
    Map<String, String> mdc) {}
