package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames built outside the SDK (the watcher's parsed traces) get in_app by the SDK's rule (issue 15). */
class InAppFramesTest {
  private final SentryOptions options = new SentryOptions();

  @Test
  void unmarkedFramesAreMarkedByTheIncludesFirstThenTheExcludesAndMarkedOnesAreLeftAlone() {
    options.addInAppInclude("com.example.billing");
    options.addInAppExclude("com.example");
    SentryEvent event = event(
        frame("com.example.billing.Invoice", null),
        frame("com.example.web.Router", null),
        frame("java.lang.Thread", null),
        frame("com.example.billing.Ledger", false));

    new InAppFrames(options).process(event, null);

    assertThat(marks(event)).containsExactly(true, false, null, false);
  }

  @Test
  void withoutIncludesOrExcludesNothingIsMarked() {
    SentryEvent event = event(frame("com.example.billing.Invoice", null));
    new InAppFrames(options).process(event, null);
    assertThat(marks(event)).containsExactly((Boolean) null);
  }

  private static SentryStackFrame frame(String module, Boolean inApp) {
    SentryStackFrame frame = new SentryStackFrame();
    frame.setModule(module);
    frame.setFunction("run");
    frame.setInApp(inApp);
    return frame;
  }

  private static SentryEvent event(SentryStackFrame... frames) {
    SentryException exception = new SentryException();
    exception.setType("IllegalStateException");
    exception.setStacktrace(new SentryStackTrace(new ArrayList<>(List.of(frames))));
    SentryEvent event = new SentryEvent();
    event.setExceptions(new ArrayList<>(List.of(exception)));
    return event;
  }

  private static List<Boolean> marks(SentryEvent event) {
    List<Boolean> marks = new ArrayList<>();
    event.getExceptions().get(0).getStacktrace().getFrames().forEach(frame -> marks.add(frame.isInApp()));
    return marks;
  }
}
