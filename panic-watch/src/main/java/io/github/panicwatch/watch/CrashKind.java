package io.github.panicwatch.watch;

import io.github.panicwatch.core.crash.FatalErrorEvent;

/** What the watcher saw the child die of; the value of every event's {@code crash} tag. */
enum CrashKind {
  UNCAUGHT_EXCEPTION("uncaught_exception"),
  OUT_OF_MEMORY("out_of_memory"),
  FATAL_ERROR(FatalErrorEvent.FATAL_ERROR),
  SIGNAL("signal"),
  OOM_KILLED("oom_killed"),
  PANIC_OUTPUT("panic_output");

  private final String tag;

  CrashKind(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }
}
