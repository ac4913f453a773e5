package io.github.panicwatch.core.scrub;

import io.sentry.JsonSerializable;
import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Scrubs free-form data an event carries (maps, lists, arrays, objects) with a {@link Scrubber}:
 * a sensitive key's value becomes its rule's replacement whole (or the entry goes, for {@code
 * remove}); other values are scrubbed recursively, and objects the SDK would serialise by
 * reflection become their scrubbed {@code toString()}. Cycles and deep nesting are cut at {@link
 * #MAX_DEPTH}, failing closed.
 */
final class DataScrubber {

  // Deep enough for real payloads; deeper (or cyclic) structures are cut, failing closed.
  static final int MAX_DEPTH = 16;

  // in the memo: the text was clean (an equal text met later is returned as itself)
  private static final String UNCHANGED = new String("unchanged");

  private final Scrubber scrubber;
  private final Map<String, String> memo; // null: every text is scrubbed afresh
  private final Map<String, Boolean> sensitiveKeys; // with the memo: map keys looked up already
  private final Map<String, String> pairValues; // with the memo: pair values checked already

  DataScrubber(Scrubber scrubber) {
    this(scrubber, null);
  }

  /**
   * @param memo scrubbed texts by original, filled as texts are scrubbed, so a text met again
   *     (one event's logger, thread name and MDC values, on every breadcrumb) costs a lookup;
   *     used by one thread for one event, so it neither grows nor leaks between events
   */
  DataScrubber(Scrubber scrubber, Map<String, String> memo) {
    this.scrubber = scrubber;
    this.memo = memo;
    this.sensitiveKeys = memo == null ? null : new HashMap<>();
    this.pairValues = memo == null ? null : new HashMap<>();
  }

  String text(String text) {
    if (memo == null || text == null) {
      return scrubber.scrub(text);
    }
    String scrubbed = memo.get(text);
    if (scrubbed == null) {
      scrubbed = scrubber.scrub(text);
      memo.put(text, scrubbed == text ? UNCHANGED : scrubbed);
    }
    // clean text comes back as the very instance given, as from the scrubber itself
    return scrubbed == UNCHANGED ? text : scrubbed;
  }

  List<String> textList(List<String> texts) {
    if (texts == null) {
      return null;
    }
    List<String> scrubbed = new ArrayList<>(texts.size());
    texts.forEach(t -> scrubbed.add(text(t)));
    return scrubbed;
  }

  /** HTTP headers: cookie headers are credentials whatever the key rules say. */
  Map<String, String> headers(Map<String, String> headers) {
    if (headers == null) {
      return null;
    }
    Map<String, String> scrubbed = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
          boolean cookie = lower.equals("cookie") || lower.equals("set-cookie");
          putString(scrubbed, name, cookie ? scrubber.replacement() : replacePair(name, value), value);
        });
    return scrubbed;
  }

  Map<String, String> stringMap(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> scrubbed = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> putString(scrubbed, text(key), replacePair(key, value), value));
    return scrubbed;
  }

  /** The map scrubbed: a copy, or the map itself when its keys are strings and nothing changed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> map(Map<?, ?> map, int depth) {
    if (map == null) {
      return null;
    }
    Map<String, Object> scrubbed = null; // made at the first change: most maps come out unchanged
    int seen = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String replaced = replacePair(key, e.getValue());
      Object value = replaced != null ? replaced : value(e.getValue(), depth);
      boolean kept = value != null && !isRemoved(replaced);
      String scrubbedKey = kept ? text(key) : null; // keys can carry data too, e.g. a map keyed by host
      // the scrubber returns the very same string when it found nothing, so identity is exact here
      if (scrubbed == null && (!kept || scrubbedKey != e.getKey() || value != e.getValue())) {
        scrubbed = copyOfFirst(map, seen);
      }
      if (scrubbed != null && kept) {
        scrubbed.put(scrubbedKey, value);
      }
      seen++;
    }
    return scrubbed == null ? (Map<String, Object>) map : scrubbed;
  }

  /** The first {@code count} entries of a map whose keys are strings, in order. */
  private static Map<String, Object> copyOfFirst(Map<?, ?> map, int count) {
    Map<String, Object> copy = new LinkedHashMap<>();
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    for (int i = 0; i < count; i++) {
      Map.Entry<?, ?> e = entries.next();
      copy.put((String) e.getKey(), e.getValue());
    }
    return copy;
  }

  /**
   * A value under a key: its rule's replacement if the key is sensitive, else scrubbed; null
   * when a {@code remove} rule took it.
   */
  Object entry(String key, Object value, int depth) {
    String replaced = replacePair(key, value);
    if (replaced == null) {
      return value(value, depth);
    }
    return isRemoved(replaced) ? null : replaced;
  }

  /**
   * A pair's value as its key's rule replaces it, or, under a key that is not sensitive, as the
   * default keys' rule does when the value itself names a secret (Relay's rule); else null.
   */
  private String replacePair(String key, Object value) {
    String replaced = replaceValueOf(key, value);
    if (replaced != null || !(value instanceof String text) || !scrubber.replacesValuesNamingSecrets()) {
      return replaced;
    }
    if (pairValues == null) {
      return scrubber.replaceValueNamingSecret(text);
    }
    // a breadcrumb's thread name, say, is the same on many breadcrumbs: checked once per event
    String checked = pairValues.get(text);
    if (checked == null) {
      checked = scrubber.replaceValueNamingSecret(text);
      pairValues.put(text, checked == null ? UNCHANGED : checked);
    }
    return checked == UNCHANGED ? null : checked;
  }

  /** As {@link Scrubber#replaceValueOf}; a key met before is not looked up again. */
  private String replaceValueOf(String key, Object value) {
    if (sensitiveKeys != null) {
      Boolean sensitive = sensitiveKeys.get(key);
      if (sensitive == null) {
        sensitive = scrubber.isSensitiveKey(key);
        sensitiveKeys.put(key, sensitive);
      }
      if (!sensitive) {
        return null;
      }
    }
    return scrubber.replaceValueOf(key, value);
  }

  /** Whether a key rule's replacement was {@code remove}: the entry goes. */
  static boolean isRemoved(String replaced) {
    return replaced != null && replaced.isEmpty();
  }

  /**
   * Elements scrubbed one by one, except that the element after a sensitive flag such as {@code
   * --password} (an argv list: {@code ["--password", "hunter2"]}) is replaced whole.
   */
  private List<Object> list(Object[] elements, int depth) {
    List<Object> scrubbed = new ArrayList<>(elements.length);
    String sensitiveFlag = null;
    for (Object element : elements) {
      scrubbed.add(
          sensitiveFlag != null && element instanceof String
              ? scrubber.replaceValueOf(sensitiveFlag, element)
              : value(element, depth + 1));
      sensitiveFlag =
          element instanceof String flag
                  && flag.startsWith("-")
                  && flag.indexOf('=') < 0
                  && scrubber.isSensitiveKey(flag)
              ? flag
              : null;
    }
    return scrubbed;
  }

  Object value(Object value, int depth) {
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
    if (value instanceof String text) {
      return text(text);
    }
    if (depth >= MAX_DEPTH) {
      return scrubber.replacement();
    }
    if (value instanceof Map<?, ?> map) {
      return map(map, depth + 1);
    }
    if (value instanceof Collection<?> collection) {
      return list(collection.toArray(), depth);
    }
    if (value instanceof char[] chars) {
      return text(new String(chars)); // the usual holder of a password
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

  /** Puts the replaced value, or the scrubbed original when the key was not sensitive. */
  private void putString(Map<String, String> map, String key, String replaced, String original) {
    if (replaced == null) {
      map.put(key, text(original));
    } else if (!isRemoved(replaced)) {
      map.put(key, replaced);
    }
  }
}
