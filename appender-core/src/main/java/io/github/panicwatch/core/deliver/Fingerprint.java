package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.event.ObservedPanic;
import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.threads.CapturedThread;
import io.github.panicwatch.core.threads.Deadlock;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two panics "the same crash" for the crash-loop guard: the exception type and its top
 * in-app frames (class and method, not line numbers, which a rebuild shifts), or, without an
 * exception, the logger and the message template, so that "order 17 failed" and "order 18 failed"
 * count as one. The result is a short hex digest: it names the crash in the spool's state file and
 * in the event's {@code fingerprint} tag without carrying any of its text.
 */
public final class Fingerprint {
  static final int FRAMES = 3;
  private static final List<String> LIBRARY_PREFIXES =
      List.of(
          "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "io.sentry.",
          "ch.qos.logback.", "org.slf4j.", "org.apache.logging.log4j.");

  private Fingerprint() {}

  public static String of(PanicRecord panic) {
    Throwable throwable = panic.throwable();
    if (throwable == null) {
      return digest(panic.logger() + '\n' + panic.template());
    }
    return digest(key(throwable.getClass().getName(), names(List.of(throwable.getStackTrace()))));
  }

  /**
   * The same for a deadlock (issue 18): the top in-app frames of each thread of its cycle, in an
   * order that does not depend on which thread the check met first, so the same deadlock counts as
   * the same crash at every restart, whatever its threads' names and its locks' identity hashes.
   */
  public static String of(Deadlock deadlock) {
    List<String> threads = new ArrayList<>();
    for (CapturedThread thread : deadlock.cycle()) {
      threads.add(key("thread", names(thread.stack())));
    }
    Collections.sort(threads);
    return digest("deadlock\n" + String.join("\n", threads));
  }

  private static List<String> names(List<StackTraceElement> stack) {
    List<String> frames = new ArrayList<>(stack.size());
    for (StackTraceElement frame : stack) {
      frames.add(frame.getClassName() + '.' + frame.getMethodName());
    }
    return frames;
  }

  /**
   * The same for a panic the watcher read from a process's output: the outermost exception's type
   * and top in-app frames, so a crash counts alike whether the appender or the watcher saw it.
   */
  public static String of(ObservedPanic panic) {
    List<SentryException> exceptions = panic.exceptions();
    if (exceptions.isEmpty()) {
      return digest(panic.message());
    }
    SentryException outermost = exceptions.get(exceptions.size() - 1);
    List<String> frames = new ArrayList<>();
    if (outermost.getStacktrace() != null && outermost.getStacktrace().getFrames() != null) {
      // Sentry lists frames caller first; the top of the stack is last
      List<SentryStackFrame> sentryFrames = outermost.getStacktrace().getFrames();
      for (int i = sentryFrames.size() - 1; i >= 0; i--) {
        frames.add(sentryFrames.get(i).getModule() + '.' + sentryFrames.get(i).getFunction());
      }
    }
    String type = outermost.getModule() == null ? outermost.getType() : outermost.getModule() + '.' + outermost.getType();
    return digest(key(type, frames));
  }

  /** Type, then the top in-app frames (top of the stack first), or the top frames when none is. */
  private static String key(String type, List<String> framesTopFirst) {
    StringBuilder key = new StringBuilder(type);
    int taken = 0;
    for (String frame : framesTopFirst) {
      if (taken < FRAMES && isInApp(frame)) {
        key.append('\n').append(frame);
        taken++;
      }
    }
    if (taken == 0) {
      // a throwable raised entirely inside libraries still has a place; use it as it is
      framesTopFirst.stream().limit(FRAMES).forEach(frame -> key.append('\n').append(frame));
    }
    return key.toString();
  }

  private static boolean isInApp(String className) {
    for (String prefix : LIBRARY_PREFIXES) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  private static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
