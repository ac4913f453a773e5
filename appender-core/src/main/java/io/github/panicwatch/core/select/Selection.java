package io.github.panicwatch.core.select;

/** What happens to one log event. */
public enum Selection {
  /** Reported to Sentry with the breadcrumbs that preceded it. */
  PANIC,
  /** Kept in the breadcrumb ring; never sent on its own. */
  BREADCRUMB,
  /** Below every threshold: dropped at once. */
  IGNORE
}
