package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.event.PanicRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    StringBuilder key = new StringBuilder();
    Throwable throwable = panic.throwable();
    if (throwable != null) {
      key.append(throwable.getClass().getName());
      appendTopFrames(key, throwable.getStackTrace());
    } else {
      key.append(panic.logger()).append('\n').append(panic.template());
    }
    return digest(key.toString());
  }

  private static void appendTopFrames(StringBuilder key, StackTraceElement[] frames) {
    int taken = 0;
    for (StackTraceElement frame : frames) {
      if (taken < FRAMES && isInApp(frame.getClassName())) {
        key.append('\n').append(frame.getClassName()).append('.').append(frame.getMethodName());
        taken++;
      }
    }
    if (taken == 0) {
      // a throwable raised entirely inside libraries still has a place; use it as it is
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        key.append('\n').append(frames[i].getClassName()).append('.').append(frames[i].getMethodName());
      }
    }
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
