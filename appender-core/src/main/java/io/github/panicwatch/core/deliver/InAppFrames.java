package io.github.panicwatch.core.deliver;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;

/**
 * Marks {@code in_app} on frames the SDK did not build from a throwable of this process: the
 * watcher parses its child's printed trace into frames itself, and the SDK's own processor only
 * marks the frames it converts. The SDK's rule ({@code inAppInclude} first, then {@code
 * inAppExclude}, by class name prefix) and the same options decide, so a frame is marked alike
 * whether the appender or the watcher reported it (issue 15). A frame already marked is left alone.
 */
final class InAppFrames implements EventProcessor {
  private final SentryOptions options;

  InAppFrames(SentryOptions options) {
    this.options = options;
  }

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    if (event.getExceptions() == null
        || (options.getInAppIncludes().isEmpty() && options.getInAppExcludes().isEmpty())) {
      return event;
    }
    for (SentryException exception : event.getExceptions()) {
      if (exception.getStacktrace() != null && exception.getStacktrace().getFrames() != null) {
        for (SentryStackFrame frame : exception.getStacktrace().getFrames()) {
          if (frame.isInApp() == null && frame.getModule() != null) {
            frame.setInApp(
                SentryStackTraceFactory.isInApp(frame.getModule(), options.getInAppIncludes(), options.getInAppExcludes()));
          }
        }
      }
    }
    return event;
  }
}
