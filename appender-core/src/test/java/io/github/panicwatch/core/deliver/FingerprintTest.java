package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.event.PanicRecord;
import io.github.panicwatch.core.select.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static PanicRecord panic(String message, String template, Throwable throwable) {
    Thread thread = Thread.currentThread();
    return new PanicRecord(
        Instant.now(), Severity.FATAL, "app.orders", thread, thread.getName(), message, throwable,
        Map.of(), true, template);
  }

  private static IllegalStateException failAt(String message) {
    return new IllegalStateException(message);
  }

  private static IllegalStateException failElsewhere(String message) {
    return new IllegalStateException(message);
  }

  @Test
  void theSameExceptionTypeThrownFromTheSamePlaceIsOneCrashWhateverItsMessage() {
    assertThat(Fingerprint.of(panic("a", "a", failAt("replica 1"))))
        .isEqualTo(Fingerprint.of(panic("b", "b", failAt("replica 2"))));
  }

  @Test
  void anotherPlaceOrTypeIsAnotherCrash() {
    String here = Fingerprint.of(panic("a", "a", failAt("x")));
    assertThat(Fingerprint.of(panic("a", "a", failElsewhere("x")))).isNotEqualTo(here);
    assertThat(Fingerprint.of(panic("a", "a", new IllegalArgumentException("x")))).isNotEqualTo(here);
  }

  @Test
  void withoutAnExceptionTheMessageTemplateDecidesNotTheArguments() {
    assertThat(Fingerprint.of(panic("order 17 failed", "order {} failed", null)))
        .isEqualTo(Fingerprint.of(panic("order 18 failed", "order {} failed", null)))
        .isNotEqualTo(Fingerprint.of(panic("disk gone", "disk gone", null)));
  }

  @Test
  void libraryFramesOnTopAreSkipped() {
    IllegalStateException fromApp = failAt("x");
    IllegalStateException wrappedInLibraries = failAt("x");
    StackTraceElement[] app = fromApp.getStackTrace();
    StackTraceElement[] withLibraryOnTop = new StackTraceElement[app.length + 2];
    withLibraryOnTop[0] = new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 1);
    withLibraryOnTop[1] = new StackTraceElement("ch.qos.logback.core.Foo", "bar", "Foo.java", 2);
    System.arraycopy(app, 0, withLibraryOnTop, 2, app.length);
    wrappedInLibraries.setStackTrace(withLibraryOnTop);
    assertThat(Fingerprint.of(panic("a", "a", wrappedInLibraries))).isEqualTo(Fingerprint.of(panic("a", "a", fromApp)));
  }
}
