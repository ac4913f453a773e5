package io.github.panicwatch.core.status;

/**
 * The status lines of one appender (or of the watcher's reporting), each prefixed {@code Panicwatch
 * [NAME]: } in this one place, so no message writes its own prefix (issue 14).
 */
final class AppenderStatus implements StatusSink {
  private final String prefix;
  private final StatusSink target;

  AppenderStatus(String name, StatusSink target) {
    this.prefix = "Panicwatch [" + name + "]: ";
    this.target = target;
  }

  @Override
  public void info(String message) {
    target.info(prefix + message);
  }

  @Override
  public void warn(String message, Throwable cause) {
    target.warn(prefix + message, cause);
  }

  @Override
  public void error(String message, Throwable cause) {
    target.error(prefix + message, cause);
  }

  @Override
  public StatusSink forAppender(String name) {
    return target.forAppender(name); // one prefix, never two
  }
}
