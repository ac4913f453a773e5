package io.github.panicwatch.watch;

import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackTrace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One exception of a printed stack trace, with its frames (the {@code ... N more} shared with the
 * enclosing trace filled back in), its suppressed exceptions and its cause: the shape of the
 * {@link Throwable} that printed it. {@link #toSentryExceptions()} converts it the way the Sentry SDK
 * converts a real throwable, so the event groups with in-process events of the same crash.
 */
final class ParsedThrowable {
  private static final SentryStackTraceFactory FRAMES = new SentryStackTraceFactory(new SentryOptions());

  final String className;
  private final StringBuilder message;
  final List<StackTraceElement> frames = new ArrayList<>();
  final List<ParsedThrowable> suppressed = new ArrayList<>();
  ParsedThrowable cause;

  /** @param message the message as printed, or {@code null} when the header had none */
  ParsedThrowable(String className, String message) {
    this.className = className;
    this.message = message == null ? null : new StringBuilder(message);
  }

  String message() {
    return message == null ? null : message.toString();
  }

  /** A line of a multi-line message. */
  void appendMessageLine(String line) {
    message.append('\n').append(line);
  }

  boolean acceptsMessageLines() {
    return message != null && frames.isEmpty();
  }

  /** Adds the last {@code count} frames of {@code enclosing}: what {@code ... N more} left out. */
  void addCommonFrames(ParsedThrowable enclosing, int count) {
    List<StackTraceElement> theirs = enclosing.frames;
    frames.addAll(theirs.subList(Math.max(0, theirs.size() - count), theirs.size()));
  }

  /**
   * The chain as the SDK's {@code SentryExceptionFactory} builds it: this exception first, then its
   * suppressed ones (mechanism {@code suppressed}), then its cause ({@code chained}), each with an
   * exception id and the id of its parent, all returned oldest first, so this one comes last.
   */
  List<SentryException> toSentryExceptions() {
    Deque<SentryException> chain = new ArrayDeque<>();
    addChain(this, new AtomicInteger(-1), chain, null);
    return new ArrayList<>(chain);
  }

  private static void addChain(
      ParsedThrowable first, AtomicInteger lastId, Deque<SentryException> chain, String mechanismType) {
    int parentId = lastId.get();
    for (ParsedThrowable current = first; current != null; current = current.cause) {
      Mechanism mechanism = new Mechanism();
      mechanism.setType(mechanismType == null ? "chained" : mechanismType);
      if (lastId.get() >= 0) {
        mechanism.setParentId(parentId);
      }
      int id = lastId.incrementAndGet();
      mechanism.setExceptionId(id);
      chain.addFirst(current.toSentryException(mechanism));
      for (ParsedThrowable each : current.suppressed) {
        addChain(each, lastId, chain, "suppressed");
      }
      parentId = id;
      mechanismType = null;
    }
  }

  private SentryException toSentryException(Mechanism mechanism) {
    SentryException exception = new SentryException();
    int dot = className.lastIndexOf('.');
    exception.setType(dot < 0 ? className : className.substring(dot + 1));
    exception.setModule(dot < 0 ? null : className.substring(0, dot));
    exception.setValue(message());
    exception.setMechanism(mechanism);
    var sentryFrames = FRAMES.getStackFrames(frames.toArray(StackTraceElement[]::new), false);
    if (sentryFrames != null && !sentryFrames.isEmpty()) {
      exception.setStacktrace(new SentryStackTrace(sentryFrames));
    }
    return exception;
  }
}
