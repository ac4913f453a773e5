package io.github.panicwatch.core.scrub;

import io.sentry.Breadcrumb;
import io.sentry.JsonSerializable;
import io.sentry.SentryEvent;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pass of a {@link Scrubber} over every string a finished {@link SentryEvent} carries, used as
 * the SDK's {@code beforeSend} callback: it runs after the SDK's processors, so throwables are
 * already {@link SentryException}s and scope breadcrumbs and tags are on the event.
 *
 * <p>Covered: message (formatted, template, params), logger, exception values (the whole cause
 * chain and suppressed exceptions, which the SDK lists as further exceptions), mechanism data and
 * frame paths, breadcrumb messages, categories (logger names) and data, contexts, tags, extras, thread names, server name,
 * transaction, fingerprints, user, request and the event's unknown properties. Free-form data
 * goes through a {@link DataScrubber}. Exception types,
 * frames, release, environment and dist are code or configuration, not data, and stay. In maps a
 * sensitive key's value becomes the replacement whole, and so does a value of one line that names
 * a secret itself (Relay's rule for pairs); other values are scrubbed recursively, and
 * objects the SDK would serialise by reflection become their scrubbed {@code toString()}. The user
 * keeps id, username, email and name (scrubbed as text: the app chose to send them) but loses its
 * IP address and the geo location derived from it. Cookies are credentials and always go.
 *
 * <p>Each field fails closed on its own: if scrubbing a field throws, that field becomes the
 * replacement (or is dropped) and the rest is still scrubbed. If even that fails, {@link #scrub}
 * returns null, which makes the SDK drop the event: sending nothing beats sending secrets.
 */
public final class EventScrubber {

  private final Scrubber scrubber;
  private final DataScrubber data;

  /** An event scrubber applying the given rules. */
  public EventScrubber(Scrubber scrubber) {
    this(scrubber, new DataScrubber(scrubber));
  }

  private EventScrubber(Scrubber scrubber, DataScrubber data) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    this.data = data;
  }

  /**
   * Scrubs the event in place. Returns the same event, or null (drop it) when it could not be made
   * safe.
   */
  public SentryEvent scrub(SentryEvent event) {
    // one pass per event, remembering what it scrubbed: breadcrumbs repeat the same texts
    DataScrubber memoizing = new DataScrubber(scrubber, new HashMap<>());
    return new EventScrubber(scrubber, memoizing).scrubOnce(event);
  }

  private SentryEvent scrubOnce(SentryEvent event) {
    if (event == null) {
      return null;
    }
    String replacement = scrubber.replacement();
    try {
      field(() -> scrubMessage(event), () -> event.setMessage(replacementMessage()));
      field(() -> event.setLogger(text(event.getLogger())), () -> event.setLogger(replacement));
      field(() -> scrubExceptions(event.getExceptions()), () -> event.setExceptions(null));
      field(() -> scrubBreadcrumbs(event), () -> event.setBreadcrumbs(null));
      field(() -> scrubContexts(event.getContexts()), () -> event.getContexts().clear());
      field(() -> scrubTags(event), () -> event.setTags(null));
      field(() -> scrubExtras(event), () -> event.setExtras(null));
      field(() -> scrubThreads(event.getThreads()), () -> event.setThreads(null));
      field(
          () -> event.setServerName(text(event.getServerName())),
          () -> event.setServerName(replacement));
      field(
          () -> event.setTransaction(text(event.getTransaction())),
          () -> event.setTransaction(replacement));
      field(
          () -> event.setFingerprints(textList(event.getFingerprints())),
          () -> event.setFingerprints(null));
      field(() -> scrubUser(event.getUser()), () -> event.setUser(null));
      field(() -> scrubRequest(event.getRequest()), () -> event.setRequest(null));
      field(() -> event.setUnknown(map(event.getUnknown(), 0)), () -> event.setUnknown(null));
      return event;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** Runs one field's scrubbing; if it throws, runs that field's fail-closed fallback instead. */
  private static void field(Runnable scrub, Runnable failClosed) {
    try {
      scrub.run();
    } catch (RuntimeException | StackOverflowError e) {
      failClosed.run();
    }
  }

  private String text(String text) {
    return data.text(text);
  }

  private List<String> textList(List<String> texts) {
    return data.textList(texts);
  }

  private Map<String, Object> map(Map<?, ?> map, int depth) {
    return data.map(map, depth);
  }

  private Message replacementMessage() {
    Message message = new Message();
    message.setFormatted(scrubber.replacement());
    return message;
  }

  private void scrubMessage(SentryEvent event) {
    Message message = event.getMessage();
    if (message != null) {
      message.setFormatted(text(message.getFormatted()));
      message.setMessage(text(message.getMessage()));
      message.setParams(textList(message.getParams()));
      message.setUnknown(map(message.getUnknown(), 0));
    }
  }

  private void scrubExceptions(List<SentryException> exceptions) {
    if (exceptions == null) {
      return;
    }
    for (SentryException exception : exceptions) {
      field(
          () -> {
            exception.setValue(text(exception.getValue()));
            Mechanism mechanism = exception.getMechanism();
            if (mechanism != null) {
              mechanism.setData(map(mechanism.getData(), 0));
              mechanism.setMeta(map(mechanism.getMeta(), 0));
            }
            if (exception.getStacktrace() != null && exception.getStacktrace().getFrames() != null) {
              for (SentryStackFrame frame : exception.getStacktrace().getFrames()) {
                frame.setVars(map(frame.getVars(), 0));
                frame.setAbsPath(text(frame.getAbsPath())); // may hold /home/<name>/
              }
            }
          },
          () -> {
            // keep type and frames (code, not data) so the crash is still readable
            exception.setValue(scrubber.replacement());
            exception.setMechanism(null);
            if (exception.getStacktrace() != null && exception.getStacktrace().getFrames() != null) {
              exception.getStacktrace().getFrames().forEach(frame -> frame.setVars(null));
            }
          });
    }
  }

  private void scrubBreadcrumbs(SentryEvent event) {
    List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
    if (breadcrumbs == null) {
      return;
    }
    List<Breadcrumb> scrubbed = new ArrayList<>(breadcrumbs.size());
    for (Breadcrumb breadcrumb : breadcrumbs) {
      try {
        breadcrumb.setMessage(text(breadcrumb.getMessage()));
        breadcrumb.setCategory(text(breadcrumb.getCategory())); // the logger name
        Map<String, Object> data = map(breadcrumb.getData(), 0);
        if (data != breadcrumb.getData()) { // the same map when nothing in it changed
          for (String key : new ArrayList<>(breadcrumb.getData().keySet())) {
            breadcrumb.removeData(key);
          }
          data.forEach(breadcrumb::setData);
        }
        scrubbed.add(breadcrumb);
      } catch (RuntimeException | StackOverflowError e) {
        // a fresh crumb at the same time and level: the timeline survives, the content does not
        Breadcrumb stub = new Breadcrumb(breadcrumb.getTimestamp());
        stub.setLevel(breadcrumb.getLevel());
        stub.setMessage(scrubber.replacement());
        scrubbed.add(stub);
      }
    }
    event.setBreadcrumbs(scrubbed);
  }

  private void scrubContexts(Contexts contexts) {
    for (String key : Collections.list(contexts.keys())) {
      field(
          () -> contexts.put(key, context(key, contexts.get(key))),
          () -> contexts.put(key, scrubber.replacement()));
    }
  }

  private Object context(String key, Object value) {
    String replaced = scrubber.replaceValueOf(key, value);
    if (replaced != null) {
      return replaced;
    }
    if (value instanceof Response) {
      Response response = (Response) value;
      response.setHeaders(data.headers(response.getHeaders()));
      response.setCookies(response.getCookies() == null ? null : scrubber.replacement());
      response.setData(data.value(response.getData(), 0));
      response.setUnknown(map(response.getUnknown(), 0));
      return response;
    }
    // other SDK context types (runtime, OS, device, trace, ...) are filled in by the SDK itself
    return value instanceof JsonSerializable ? value : data.value(value, 0);
  }

  private void scrubTags(SentryEvent event) {
    Map<String, String> tags = event.getTags();
    if (tags == null) {
      return;
    }
    for (String key : new ArrayList<>(tags.keySet())) {
      field(
          () -> {
            Object value = data.entry(key, tags.get(key), 0);
            if (value == null) {
              event.removeTag(key);
            } else {
              event.setTag(key, String.valueOf(value));
            }
          },
          () -> event.setTag(key, scrubber.replacement()));
    }
  }

  private void scrubExtras(SentryEvent event) {
    Map<String, Object> extras = event.getExtras();
    if (extras == null) {
      return;
    }
    for (String key : new ArrayList<>(extras.keySet())) {
      field(
          () -> {
            Object value = data.entry(key, extras.get(key), 0);
            if (value == null) {
              event.removeExtra(key);
            } else {
              event.setExtra(key, value);
            }
          },
          () -> event.setExtra(key, scrubber.replacement()));
    }
  }

  private void scrubThreads(List<SentryThread> threads) {
    if (threads == null) {
      return;
    }
    for (SentryThread thread : threads) {
      field(() -> thread.setName(text(thread.getName())), () -> thread.setName(null));
    }
  }

  private void scrubUser(User user) {
    if (user == null) {
      return;
    }
    user.setIpAddress(null);
    user.setGeo(null); // derived from the IP address
    user.setId(text(user.getId()));
    user.setUsername(text(user.getUsername()));
    user.setEmail(text(user.getEmail()));
    user.setName(text(user.getName()));
    user.setData(data.stringMap(user.getData()));
    user.setUnknown(map(user.getUnknown(), 0));
  }

  private void scrubRequest(Request request) {
    if (request == null) {
      return;
    }
    request.setUrl(text(request.getUrl()));
    request.setQueryString(text(request.getQueryString()));
    request.setFragment(text(request.getFragment()));
    request.setCookies(request.getCookies() == null ? null : scrubber.replacement());
    request.setHeaders(data.headers(request.getHeaders()));
    request.setEnvs(data.stringMap(request.getEnvs()));
    request.setOthers(data.stringMap(request.getOthers()));
    request.setData(data.value(request.getData(), 0));
    request.setUnknown(map(request.getUnknown(), 0));
  }
}
