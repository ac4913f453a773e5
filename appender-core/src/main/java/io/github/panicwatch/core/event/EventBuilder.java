package io.github.panicwatch.core.event;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import io.github.panicwatch.core.select.Severity;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Sentry event of a panic from its {@link PanicRecord} and the breadcrumbs that preceded
 * it. The throwable is handed to the SDK as it is (wrapped with a mechanism that says whether it was
 * handled), so the SDK's own processor turns it into the exception chain with frames, exactly as
 * for any Sentry Java event.
 */
public final class EventBuilder {
  /** The mechanism type Sentry shows for our events. */
  public static final String MECHANISM = "panicwatch";
  /** The context MDC values travel in, as in sentry-logback. */
  public static final String MDC_CONTEXT = "MDC";

  /** Sentry keeps a tag's value up to this length, and none with a line break. */
  static final int MAX_TAG_VALUE = 200;

  private final String release;
  private final String environment;
  private final Map<String, String> tags;
  private final ApplicationJar applicationJar;
  private final List<String> contextTags;

  /**
   * @param release the release every event carries
   * @param environment the environment every event carries
   * @param tags the declared tags, in order
   * @param applicationJar the jar whose checksum becomes the {@code checksum} tag; may be null
   * @param contextTags the MDC keys whose values become tags ({@code contextTag}), in order
   */
  public EventBuilder(
      String release,
      String environment,
      Map<String, String> tags,
      ApplicationJar applicationJar,
      List<String> contextTags) {
    this.release = release;
    this.environment = environment;
    this.tags = new LinkedHashMap<>(tags);
    this.applicationJar = applicationJar;
    this.contextTags = List.copyOf(contextTags);
  }

  public String release() {
    return release;
  }

  public String environment() {
    return environment;
  }

  public SentryEvent build(PanicRecord panic, List<RecordedLine> breadcrumbs) {
    SentryEvent event = new SentryEvent(Date.from(panic.timestamp()));
    event.setLevel(SentryLevel.FATAL);
    Message message = new Message();
    message.setFormatted(panic.message());
    event.setMessage(message);
    event.setLogger(panic.logger());
    event.setRelease(release);
    event.setEnvironment(environment);
    if (panic.throwable() != null) {
      Mechanism mechanism = new Mechanism();
      mechanism.setType(MECHANISM);
      mechanism.setHandled(panic.handled());
      event.setThrowable(
          new ExceptionMechanismException(mechanism, panic.throwable(), panic.thread()));
    }
    event.setExtra("thread_name", panic.threadName());
    tags.forEach(event::setTag);
    if (applicationJar != null) {
      String checksum = applicationJar.checksum();
      if (checksum != null) {
        event.setTag("checksum", checksum);
      }
    }
    Map<String, String> mdc = new LinkedHashMap<>(panic.mdc());
    moveContextTags(mdc, event);
    if (!mdc.isEmpty()) {
      event.getContexts().put(MDC_CONTEXT, mdc);
    }
    List<Breadcrumb> crumbs = new ArrayList<>(breadcrumbs.size());
    for (RecordedLine line : breadcrumbs) {
      crumbs.add(breadcrumb(line, panic.mdc()));
    }
    event.setBreadcrumbs(crumbs);
    return event;
  }

  /**
   * The {@code contextTag} keys of the panic's MDC become tags, as sentry-logback makes them, and
   * leave the {@code MDC} context (issue 15); the scrubber then treats them as every tag. Set last,
   * so a context tag wins over a {@code <tag>} of the same name: its value is this event's own. A
   * value Sentry would drop as a tag (empty, over {@value #MAX_TAG_VALUE} characters, a line break)
   * stays in the context, where it is not lost.
   */
  private void moveContextTags(Map<String, String> mdc, SentryEvent event) {
    for (String key : contextTags) {
      String value = mdc.get(key);
      if (value != null && !value.isBlank() && value.length() <= MAX_TAG_VALUE && value.indexOf('\n') < 0) {
        event.setTag(key, value);
        mdc.remove(key);
      }
    }
  }

  /**
   * A breadcrumb carries its MDC only where it differs from the panic's: the lines of the request
   * that crashed would repeat the event's {@code MDC} context on every one (a third of a full
   * event's JSON), while the lines of other requests stand out by carrying theirs.
   */
  private static Breadcrumb breadcrumb(RecordedLine line, Map<String, String> panicMdc) {
    Breadcrumb crumb = new Breadcrumb(new Date(Math.floorDiv(line.epochNanos(), 1_000_000L)));
    crumb.setType("log");
    crumb.setCategory(line.logger());
    crumb.setLevel(sentryLevel(line.level()));
    crumb.setMessage(line.message());
    crumb.setData("thread", line.thread());
    if (!line.mdc().isEmpty() && !line.mdc().equals(panicMdc)) {
      crumb.setData(MDC_CONTEXT, new LinkedHashMap<>(line.mdc()));
    }
    return crumb;
  }

  static SentryLevel sentryLevel(Severity level) {
    return switch (level) {
      case TRACE, DEBUG -> SentryLevel.DEBUG;
      case INFO -> SentryLevel.INFO;
      case WARN -> SentryLevel.WARNING;
      case ERROR -> SentryLevel.ERROR;
      case FATAL, OFF -> SentryLevel.FATAL;
    };
  }

  /**
   * Builds the event of a panic seen from outside the process (by the panic-watch watcher): the
   * same event as for an in-process panic, but the exception chain comes ready-made from the
   * text, and the watcher's own tags (exit code, pid, signal) and extras are added. The outermost
   * exception (the last one) gets the mechanism an uncaught exception gets in process.
   */
  public SentryEvent build(ObservedPanic panic, List<RecordedLine> breadcrumbs) {
    PanicRecord record =
        new PanicRecord(
            panic.timestamp(), Severity.FATAL, null, null, panic.threadName(), panic.message(),
            null, Map.of(), false);
    SentryEvent event = build(record, breadcrumbs);
    if (panic.threadName() == null) {
      event.removeExtra("thread_name");
    }
    if (!panic.exceptions().isEmpty()) {
      List<SentryException> chain = new ArrayList<>(panic.exceptions());
      SentryException outermost = chain.get(chain.size() - 1);
      Mechanism mechanism = outermost.getMechanism() == null ? new Mechanism() : outermost.getMechanism();
      mechanism.setType(MECHANISM);
      mechanism.setHandled(false);
      outermost.setMechanism(mechanism);
      event.setExceptions(chain);
    }
    panic.tags().forEach(event::setTag);
    panic.extras().forEach(event::setExtra);
    return event;
  }
}
