package io.github.panicwatch.watch;

import io.github.panicwatch.core.status.StatusSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A status sink for tests where nothing may go wrong: keeps the information lines, fails on a warning or an error. */
final class InfoOnlyStatus implements StatusSink {
  final List<String> infos = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    throw new AssertionError(message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    throw new AssertionError(message, cause);
  }
}
