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
import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One pass of a {@link Scrubber} over every string a finished {@link SentryEvent} carries, used as
 * the SDK's {@code beforeSend} callback: it runs after the SDK's processors, so throwables are
 * already {@link SentryException}s and scope breadcrumbs and tags are on the event.
 *
 * <p>Covered: message (formatted, template, params), logger, exception values and mechanism
 * data, breadcrumb messages and data, contexts, tags, extras, thread names, server name,
 * transaction, fingerprints, user, request and the event's unknown properties. Exception types,
 * frames, release, environment and dist are code or configuration, not data, and stay. In maps a
 * sensitive key's value becomes the replacement whole; other values are scrubbed recursively, and
 * objects the SDK would serialise by reflection become their scrubbed {@code toString()}. The user
 * keeps id, username, email and name (scrubbed as text: the app chose to send them) but loses its
 * IP address and the geo location derived from it. Cookies are credentials and always go.
 *
 * <p>Each field fails closed on its own: if scrubbing a field throws, that field becomes the
 * replacement (or is dropped) and the rest is still scrubbed. If even that fails, {@link #scrub}
 * returns null, which makes the SDK drop the event: sending nothing beats sending secrets.
 */
public final class EventScrubber {

  // Deep enough for real payloads; deeper (or cyclic) structures are cut, failing closed.
  private static final int MAX_DEPTH = 16;

  private final Scrubber scrubber;

  /** An event scrubber applying the given rules. */
  public EventScrubber(Scrubber scrubber) {
    this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
  }

  /**
   * Scrubs the event in place. Returns the same event, or null (drop it) when it could not be made
   * safe.
   */
  public SentryEvent scrub(SentryEvent event) {
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
    return scrubber.scrub(text);
  }

  private List<String> textList(List<String> texts) {
    if (texts == null) {
      return null;
    }
    List<String> scrubbed = new ArrayList<>(texts.size());
    texts.forEach(t -> scrubbed.add(text(t)));
    return scrubbed;
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
        Map<String, Object> data = map(breadcrumb.getData(), 0);
        for (String key : new ArrayList<>(breadcrumb.getData().keySet())) {
          breadcrumb.removeData(key);
        }
        data.forEach(breadcrumb::setData);
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
    if (scrubber.isSensitiveKey(key)) {
      return scrubber.replacement();
    }
    if (value instanceof Response) {
      Response response = (Response) value;
      response.setHeaders(headers(response.getHeaders()));
      response.setCookies(response.getCookies() == null ? null : scrubber.replacement());
      response.setData(value(response.getData(), 0));
      response.setUnknown(map(response.getUnknown(), 0));
      return response;
    }
    // other SDK context types (runtime, OS, device, trace, ...) are filled in by the SDK itself
    return value instanceof JsonSerializable ? value : value(value, 0);
  }

  private void scrubTags(SentryEvent event) {
    Map<String, String> tags = event.getTags();
    if (tags == null) {
      return;
    }
    for (String key : new ArrayList<>(tags.keySet())) {
      field(
          () ->
              event.setTag(
                  key, scrubber.isSensitiveKey(key) ? scrubber.replacement() : text(tags.get(key))),
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
          () -> event.setExtra(key, entry(key, extras.get(key), 0)),
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
    user.setData(stringMap(user.getData()));
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
    request.setHeaders(headers(request.getHeaders()));
    request.setEnvs(stringMap(request.getEnvs()));
    request.setOthers(stringMap(request.getOthers()));
    request.setData(value(request.getData(), 0));
    request.setUnknown(map(request.getUnknown(), 0));
  }

  /** HTTP headers: cookie headers are credentials whatever the key rules say. */
  private Map<String, String> headers(Map<String, String> headers) {
    if (headers == null) {
      return null;
    }
    Map<String, String> scrubbed = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
          boolean cookie = lower.equals("cookie") || lower.equals("set-cookie");
          scrubbed.put(
              name,
              cookie || scrubber.isSensitiveKey(name) ? scrubber.replacement() : text(value));
        });
    return scrubbed;
  }

  private Map<String, String> stringMap(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> scrubbed = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            scrubbed.put(
                text(key), scrubber.isSensitiveKey(key) ? scrubber.replacement() : text(value)));
    return scrubbed;
  }

  private Map<String, Object> map(Map<?, ?> map, int depth) {
    if (map == null) {
      return null;
    }
    Map<String, Object> scrubbed = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = entry(key, e.getValue(), depth);
      if (value != null) {
        scrubbed.put(text(key), value); // keys can carry data too, e.g. a map keyed by host
      }
    }
    return scrubbed;
  }

  private Object entry(String key, Object value, int depth) {
    return scrubber.isSensitiveKey(key) ? scrubber.replacement() : value(value, depth);
  }

  /**
   * Elements scrubbed one by one, except that the element after a sensitive flag such as {@code
   * --password} (an argv list: {@code ["--password", "hunter2"]}) is replaced whole.
   */
  private List<Object> list(Object[] elements, int depth) {
    List<Object> scrubbed = new ArrayList<>(elements.length);
    boolean afterSensitiveFlag = false;
    for (Object element : elements) {
      scrubbed.add(
          afterSensitiveFlag && element instanceof String
              ? scrubber.replacement()
              : value(element, depth + 1));
      afterSensitiveFlag =
          element instanceof String
              && ((String) element).startsWith("-")
              && ((String) element).indexOf('=') < 0
              && scrubber.isSensitiveKey((String) element);
    }
    return scrubbed;
  }

  private Object value(Object value, int depth) {
    if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum
        || value instanceof Date
        || value instanceof UUID
        || value instanceof TemporalAccessor) {
      return value;
    }
    if (value instanceof String) {
      return text((String) value);
    }
    if (depth >= MAX_DEPTH) {
      return scrubber.replacement();
    }
    if (value instanceof Map) {
      return map((Map<?, ?>) value, depth + 1);
    }
    if (value instanceof Collection) {
      return list(((Collection<?>) value).toArray(), depth);
    }
    if (value instanceof char[]) {
      return text(new String((char[]) value)); // the usual holder of a password
    }
    if (value.getClass().isArray()) {
      if (value.getClass().getComponentType().isPrimitive()) {
        return value;
      }
      Object[] elements = new Object[Array.getLength(value)];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = Array.get(value, i);
      }
      return list(elements, depth);
    }
    if (value instanceof JsonSerializable) {
      return value; // an SDK protocol type: fields the SDK fills, not free-form data
    }
    // the SDK would serialise this by reflection, field by field, unscrubbed: send text instead
    return text(String.valueOf(value));
  }
}
