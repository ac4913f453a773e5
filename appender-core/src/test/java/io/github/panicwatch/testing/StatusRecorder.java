package io.github.panicwatch.testing;

import io.github.panicwatch.core.status.StatusSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A status sink that keeps every line, as {@code LEVEL message[ / cause]}, for assertions. */
public final class StatusRecorder implements StatusSink {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    lines.add("WARN " + message + (cause == null ? "" : " / " + cause));
  }

  @Override
  public void error(String message, Throwable cause) {
    lines.add("ERROR " + message + (cause == null ? "" : " / " + cause));
  }

  /** Every line so far, oldest first. */
  public List<String> lines() {
    return List.copyOf(lines);
  }
}
