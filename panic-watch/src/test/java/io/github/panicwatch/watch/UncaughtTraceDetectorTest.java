package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryExceptionFactory;
import io.sentry.SentryOptions;
import io.sentry.SentryStackTraceFactory;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class UncaughtTraceDetectorTest {
  private final UncaughtTraceDetector detector = new UncaughtTraceDetector();

  @Test
  void parsesAPrintedTraceIntoTheChainTheSdkBuildsFromTheThrowableItself() throws InterruptedException {
    // on a thread of its own: a short stack without reflection's native frames, whose file name
    // "(Native Method)" does not print
    Throwable[] made = new Throwable[1];
    Thread thread = new Thread(() -> made[0] = nested());
    thread.start();
    thread.join();
    Throwable thrown = made[0];

    Finding finding = parse(printedAsUncaught("main", thrown), "after the trace");

    assertThat(describe(finding.exceptions())).containsExactlyElementsOf(describe(sdkChain(thrown)));
    assertThat(finding.exceptions()).hasSize(4); // outer, its suppressed, the cause, the cause's cause
    assertThat(finding.threadName()).isEqualTo("main");
    assertThat(finding.kind()).isEqualTo(CrashKind.UNCAUGHT_EXCEPTION);
  }

  @Test
  void keepsEveryLineOfAMultiLineMessage() {
    Finding finding = parse(printedAsUncaught("pool-1", new IllegalStateException("first\nsecond")), "next");

    assertThat(finding.exceptions().get(0).getValue()).isEqualTo("first\nsecond");
    assertThat(finding.message()).isEqualTo("Uncaught exception in thread \"pool-1\": java.lang.IllegalStateException: first\nsecond");
  }

  @Test
  void callsAnOutOfMemoryErrorAnOutOfMemoryFinding() {
    Finding finding = parse(printedAsUncaught("main", new OutOfMemoryError("Java heap space")), "x");

    assertThat(finding.kind()).isEqualTo(CrashKind.OUT_OF_MEMORY);
  }

  @Test
  void parsesModuleQualifiedNativeAndUnknownSourceFrames() {
    assertThat(UncaughtTraceDetector.frame("java.base/java.lang.Thread.run(Thread.java:833)"))
        .isEqualTo(new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833));
    assertThat(UncaughtTraceDetector.frame("app//com.example.Main$Inner.go(Native Method)").isNativeMethod()).isTrue();
    assertThat(UncaughtTraceDetector.frame("com.example.Main.go(Unknown Source)"))
        .isEqualTo(new StackTraceElement("com.example.Main", "go", null, -1));
  }

  @Test
  void opensNoBlockForALoggedStackTraceWithoutTheThreadHeader() {
    assertThat(detector.open("java.lang.IllegalStateException: logged, not uncaught")).isNull();
  }

  private Finding parse(List<String> lines, String lineAfter) {
    Detector.Block block = detector.open(lines.get(0));
    assertThat(block).isNotNull();
    for (String line : lines.subList(1, lines.size())) {
      assertThat(block.add(line)).as(line).isTrue();
    }
    assertThat(block.add(lineAfter)).isFalse();
    return block.finish();
  }

  /** Exactly what the JVM's default handler prints. */
  private static List<String> printedAsUncaught(String thread, Throwable throwable) {
    StringWriter text = new StringWriter();
    text.write("Exception in thread \"" + thread + "\" ");
    throwable.printStackTrace(new PrintWriter(text));
    return text.toString().lines().toList();
  }

  private static Throwable nested() {
    try {
      try {
        throw new IOException("disk gone");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read config", e);
      }
    } catch (UncheckedIOException e) {
      IllegalStateException outer = new IllegalStateException("startup failed", e);
      outer.addSuppressed(new IllegalArgumentException("while closing"));
      return outer;
    }
  }

  private static List<SentryException> sdkChain(Throwable throwable) {
    Mechanism mechanism = new Mechanism();
    mechanism.setType("chained"); // the builder later sets ours on the outermost of both
    SentryOptions options = new SentryOptions();
    return new SentryExceptionFactory(new SentryStackTraceFactory(options))
        .getSentryExceptions(new ExceptionMechanismException(mechanism, throwable, Thread.currentThread()));
  }

  private static List<String> describe(List<SentryException> chain) {
    StringBuilder text = new StringBuilder();
    for (SentryException exception : chain) {
      Mechanism mechanism = exception.getMechanism();
      text.append(exception.getModule()).append(' ').append(exception.getType()).append(": ")
          .append(exception.getValue()).append(" [").append(mechanism.getType()).append(' ')
          .append(mechanism.getExceptionId()).append('<').append(mechanism.getParentId()).append("]\n");
      if (exception.getStacktrace() != null) {
        for (SentryStackFrame frame : exception.getStacktrace().getFrames()) {
          text.append("  ").append(frame.getModule()).append('.').append(frame.getFunction()).append('(')
              .append(frame.getFilename()).append(':').append(Objects.toString(frame.getLineno())).append(") ")
              .append(frame.isInApp()).append(frame.isNative()).append('\n');
        }
      }
    }
    return text.toString().lines().toList();
  }
}
