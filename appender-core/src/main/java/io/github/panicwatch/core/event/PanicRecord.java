package io.github.panicwatch.core.event;

import io.github.panicwatch.core.select.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * The framework-neutral view of one panic, captured on the thread that logged it (or died of it):
 * everything a framework event might lose once the call returns is copied in here.
 *
 * @param timestamp when the log call happened
 * @param level the level the framework gave the event
 * @param logger the logger's name; {@code null} for an uncaught exception
 * @param thread the thread as it was at the call; its name is read from {@code threadName}
 * @param threadName the thread's name at the call
 * @param message the finished message
 * @param throwable the exception, with its causes; may be {@code null}
 * @param mdc a copy of the diagnostic context at the call
 * @param handled false for an uncaught exception: the thread died of it
 * @param template the message before its arguments were filled in (the crash-loop guard groups by
 *     it when there is no throwable); the finished message when the framework has no template
 */
public record PanicRecord(
    Instant timestamp,
    Severity level,
    String logger,
    Thread thread,
    String threadName,
    String message,
    Throwable throwable,
    Map<String, String> mdc,
    boolean handled,
    String template) {

  public PanicRecord {
    mdc = mdc == null ? Map.of() : Map.copyOf(mdc);
    template = template == null ? message : template;
  }

  /** A panic whose message has no separate template. */
  public PanicRecord(
      Instant timestamp,
      Severity level,
      String logger,
      Thread thread,
      String threadName,
      String message,
      Throwable throwable,
      Map<String, String> mdc,
      boolean handled) {
    this(timestamp, level, logger, thread, threadName, message, throwable, mdc, handled, message);
  }

  /** A panic for a throwable that no code caught: the thread {@code thread} died of it. */
  public static PanicRecord uncaught(Thread thread, Throwable throwable) {
    String message = throwable.getMessage();
    return new PanicRecord(
        Instant.now(),
        Severity.FATAL,
        null,
        thread,
        thread.getName(),
        "Uncaught exception in thread \"" + thread.getName() + "\": "
            + throwable.getClass().getName()
            + (message == null ? "" : ": " + message),
        throwable,
        Map.of(),
        false);
  }
}
