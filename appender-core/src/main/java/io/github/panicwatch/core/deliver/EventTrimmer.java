package io.github.panicwatch.core.deliver;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Trims an event that is too large for Sentry, in a fixed order, stopping as soon as it fits (README
 * "Size limits", issue 12): long breadcrumb messages, then the oldest breadcrumbs, then the middle
 * frames of long stacks, then causes from the middle of a deep chain, then other long strings, and
 * as a last resort everything but the panic itself. The panic's own message, its own (outermost)
 * exception's type and value, and the top frames of every stack kept are never trimmed. Each step
 * says what it did, for the event's {@code trimmed} extra.
 */
final class EventTrimmer {
  static final int BREADCRUMB_MESSAGE_CHARS = 1024;
  static final int KEPT_TOP_FRAMES = 50;
  static final int KEPT_BOTTOM_FRAMES = 10;
  static final int KEPT_OUTER_EXCEPTIONS = 10;
  static final int OTHER_STRING_CHARS = 512;
  static final String CUT = "…[trimmed]";

  private interface Step {
    /** Trims one thing more; returns a phrase of what it did, or null when it had nothing to trim. */
    String apply(SentryEvent event, Predicate<SentryEvent> fits);
  }

  private static final List<Step> STEPS =
      List.of(
          EventTrimmer::cutBreadcrumbMessages,
          EventTrimmer::dropOldestBreadcrumbs,
          EventTrimmer::dropMiddleFrames,
          EventTrimmer::dropMiddleCauses,
          EventTrimmer::cutOtherStrings,
          EventTrimmer::keepOnlyThePanic);

  private EventTrimmer() {}

  /**
   * Trims {@code event} in place until {@code fits} accepts it or nothing is left to trim.
   *
   * @return what was trimmed, in order; empty when it fitted already
   */
  static List<String> trim(SentryEvent event, Predicate<SentryEvent> fits) {
    List<String> done = new ArrayList<>();
    for (Step step : STEPS) {
      if (fits.test(event)) {
        break;
      }
      String what = step.apply(event, fits);
      if (what != null) {
        done.add(what);
      }
    }
    return done;
  }

  private static String cutBreadcrumbMessages(SentryEvent event, Predicate<SentryEvent> fits) {
    int cut = 0;
    for (Breadcrumb crumb : breadcrumbs(event)) {
      String message = crumb.getMessage();
      if (message != null && message.length() > BREADCRUMB_MESSAGE_CHARS) {
        crumb.setMessage(cut(message, BREADCRUMB_MESSAGE_CHARS));
        cut++;
      }
    }
    return cut == 0 ? null : cut + " breadcrumb message(s) cut to " + BREADCRUMB_MESSAGE_CHARS + " characters";
  }

  /**
   * Drops the oldest tenth of the breadcrumbs at a time, so no more go than needed; all at once
   * when even none would not fit (each try serialises the whole event).
   */
  private static String dropOldestBreadcrumbs(SentryEvent event, Predicate<SentryEvent> fits) {
    List<Breadcrumb> crumbs = breadcrumbs(event);
    int total = crumbs.size();
    if (total == 0) {
      return null;
    }
    event.setBreadcrumbs(new ArrayList<>());
    if (!fits.test(event)) {
      return total + " oldest breadcrumb(s) dropped"; // all of them: the rest is too large anyway
    }
    int tenth = Math.max(1, total / 10);
    List<Breadcrumb> kept = new ArrayList<>(crumbs);
    while (!kept.isEmpty()) {
      kept = new ArrayList<>(kept.subList(Math.min(tenth, kept.size()), kept.size()));
      event.setBreadcrumbs(kept);
      if (fits.test(event)) {
        break;
      }
    }
    return (total - kept.size()) + " oldest breadcrumb(s) dropped";
  }

  private static String dropMiddleFrames(SentryEvent event, Predicate<SentryEvent> fits) {
    int dropped = 0;
    for (SentryException exception : exceptions(event)) {
      SentryStackTrace stack = exception.getStacktrace();
      List<SentryStackFrame> frames = stack == null ? null : stack.getFrames();
      if (frames != null && frames.size() > KEPT_BOTTOM_FRAMES + KEPT_TOP_FRAMES) {
        // Sentry lists a stack's frames outermost call first: its top frames are the last ones
        List<SentryStackFrame> kept = new ArrayList<>(frames.subList(0, KEPT_BOTTOM_FRAMES));
        kept.addAll(frames.subList(frames.size() - KEPT_TOP_FRAMES, frames.size()));
        dropped += frames.size() - kept.size();
        stack.setFrames(kept);
      }
    }
    return dropped == 0
        ? null
        : dropped + " stack frame(s) dropped from the middle of long stacks (kept the top " + KEPT_TOP_FRAMES
            + " and bottom " + KEPT_BOTTOM_FRAMES + " of each)";
  }

  /** Keeps the root cause and the outermost exceptions: the panic's own, and what it was wrapped in. */
  private static String dropMiddleCauses(SentryEvent event, Predicate<SentryEvent> fits) {
    List<SentryException> chain = exceptions(event);
    if (chain.size() <= KEPT_OUTER_EXCEPTIONS + 1) {
      return null;
    }
    // Sentry lists the innermost cause first and the panic's own exception last
    List<SentryException> kept = new ArrayList<>();
    kept.add(chain.get(0));
    kept.addAll(chain.subList(chain.size() - KEPT_OUTER_EXCEPTIONS, chain.size()));
    event.setExceptions(kept);
    return (chain.size() - kept.size()) + " exception(s) dropped from the middle of the cause chain (kept the root"
        + " cause and the outermost " + KEPT_OUTER_EXCEPTIONS + ")";
  }

  private static String cutOtherStrings(SentryEvent event, Predicate<SentryEvent> fits) {
    int[] cut = {0};
    for (Breadcrumb crumb : breadcrumbs(event)) {
      cutValues(crumb.getData(), cut);
    }
    cutValues(event.getExtras(), cut);
    cutValues(event.getTags(), cut);
    cutEntries(event.getContexts().entrySet(), cut);
    List<SentryException> chain = exceptions(event);
    for (int i = 0; i < chain.size() - 1; i++) { // the last one is the panic's own: its value stays
      String value = chain.get(i).getValue();
      if (value != null && value.length() > OTHER_STRING_CHARS) {
        chain.get(i).setValue(cut(value, OTHER_STRING_CHARS));
        cut[0]++;
      }
    }
    return cut[0] == 0 ? null : cut[0] + " other string(s) cut to " + OTHER_STRING_CHARS + " characters";
  }

  private static String keepOnlyThePanic(SentryEvent event, Predicate<SentryEvent> fits) {
    event.setBreadcrumbs(new ArrayList<>());
    List<SentryException> chain = exceptions(event);
    if (chain.size() > 1) {
      event.setExceptions(new ArrayList<>(chain.subList(chain.size() - 1, chain.size())));
    }
    for (SentryException exception : exceptions(event)) {
      SentryStackTrace stack = exception.getStacktrace();
      List<SentryStackFrame> frames = stack == null ? null : stack.getFrames();
      if (frames != null && frames.size() > KEPT_TOP_FRAMES) {
        stack.setFrames(new ArrayList<>(frames.subList(frames.size() - KEPT_TOP_FRAMES, frames.size())));
      }
    }
    event.getContexts().clear();
    return "everything but the panic's message and its own exception's top frames dropped";
  }

  private static void cutValues(Map<String, ?> values, int[] cut) {
    if (values != null) {
      cutEntries(values.entrySet(), cut);
    }
  }

  @SuppressWarnings("unchecked")
  private static void cutEntries(Iterable<? extends Map.Entry<String, ?>> entries, int[] cut) {
    for (Map.Entry<String, ?> entry : entries) {
      Object value = entry.getValue();
      if (value instanceof String text && text.length() > OTHER_STRING_CHARS) {
        ((Map.Entry<String, Object>) entry).setValue(cut(text, OTHER_STRING_CHARS));
        cut[0]++;
      } else if (value instanceof Map<?, ?> nested) {
        cutValues((Map<String, ?>) nested, cut);
      }
    }
  }

  private static String cut(String text, int chars) {
    return text.substring(0, chars) + CUT;
  }

  private static List<Breadcrumb> breadcrumbs(SentryEvent event) {
    return event.getBreadcrumbs() == null ? List.of() : event.getBreadcrumbs();
  }

  private static List<SentryException> exceptions(SentryEvent event) {
    return event.getExceptions() == null ? List.of() : event.getExceptions();
  }
}
