package io.github.panicwatch.core.config;

import io.github.panicwatch.core.option.ConfigProblem;
import io.github.panicwatch.core.option.Option;
import io.github.panicwatch.core.option.OptionTypes;
import io.github.panicwatch.core.option.UnresolvedVariables;
import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.core.storage.PrivateFolder;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option of a Panicwatch appender: each declared once here, as a constant (name, type,
 * default, one line of documentation, whether it is sensitive), and held as the text it was given.
 * The Logback setters, the Log4j2 attributes, the watcher's flags and the README's option table are
 * checked against these declarations; adding an option is one declaration, one Logback setter and
 * the README line. Names follow the official sentry-logback appender where the meaning is the same.
 *
 * <p>Setting only stores text; {@link #validate} parses every value by its declaration and reports
 * what is wrong, never throwing. The typed accessors are meaningful once {@code validate} found no
 * problem.
 */
public final class PanicwatchOptions {
  private static final List<Option<?>> DECLARED = new ArrayList<>();

  public static final Option<URI> DSN =
      declare(Option.of("dsn", ValueTypes.DSN, null, "Sentry DSN; empty or unset: events go to the outbox").sensitive());
  public static final Option<String> OUTBOX =
      declare(
          Option.of("outbox", OptionTypes.TEXT, null, "File that receives each event as one JSON line")
              .documentedDefault("`panicwatch-outbox.jsonl` without a DSN; none with one"));
  public static final Option<String> RELEASE =
      declare(
          Option.of("release", OptionTypes.TEXT, null, "Release of every event")
              .documentedDefault("the application jar's `Implementation-Version`, else `unknown`"));
  public static final Option<String> ENVIRONMENT =
      declare(
          Option.of("environment", OptionTypes.TEXT, null, "Environment of every event")
              .documentedDefault("derived, see below"));
  public static final Option<String> EDITION =
      declare(Option.of("edition", OptionTypes.TEXT, "oss", "Names the derived environment: dev-EDITION or prod-EDITION"));
  public static final Option<Integer> MAX_BREADCRUMBS =
      declare(Option.of("maxBreadcrumbs", OptionTypes.ints(0, 10_000), "100", "Lines a panic carries at most"));
  public static final Option<Severity> MINIMUM_BREADCRUMB_LEVEL =
      declare(Option.of("minimumBreadcrumbLevel", ValueTypes.LEVEL, "INFO", "Lowest level kept as a breadcrumb"));
  public static final Option<Severity> MINIMUM_EVENT_LEVEL =
      declare(Option.of("minimumEventLevel", ValueTypes.LEVEL, null, "When set, every event at or above it is a panic"));
  public static final Option<String> PANIC_MARKER =
      declare(
          Option.of("panicMarker", OptionTypes.TEXT, "FATAL, PANIC", "Marker name that makes an event a panic")
              .repeatable());
  public static final Option<Boolean> ENABLE_SENTRY =
      declare(
          Option.of("enableSentry", OptionTypes.BOOLEAN, null, "false turns everything off")
              .documentedDefault("see below"));
  public static final Option<Boolean> CAPTURE_UNCAUGHT =
      declare(Option.of("captureUncaught", OptionTypes.BOOLEAN, "true", "Report uncaught exceptions as panics"));
  /** Issue 16: native crashes of a service that runs without the watcher, reported at its next start. */
  public static final Option<Boolean> REPORT_PREVIOUS_CRASHES =
      declare(
          Option.of(
              "reportPreviousCrashes",
              OptionTypes.BOOLEAN,
              "true",
              "At start, report each JVM fatal error (hs_err file) an earlier run left, once"));
  public static final Option<Long> FLUSH_TIMEOUT_MILLIS =
      declare(
          Option.of(
              "flushTimeoutMillis",
              OptionTypes.longs(0, Long.MAX_VALUE),
              "2000",
              "Longest wait for delivery at stop, at JVM exit and after an uncaught exception, in ms"));
  public static final Option<Boolean> EAGER_FORMATTING =
      declare(
          Option.of(
              "eagerFormatting", OptionTypes.BOOLEAN, "false", "Format breadcrumb messages at the log call"));
  public static final Option<String> CACHE_DIR_PATH =
      declare(
          Option.of("cacheDirPath", OptionTypes.TEXT, null, "Folder of the disk spool and the crash-loop counts")
              .documentedDefault("`panicwatch-<user>` under `java.io.tmpdir`, private to the user"));
  public static final Option<Integer> MAX_SPOOLED_EVENTS =
      declare(
          Option.of("maxSpooledEvents", OptionTypes.ints(1, 100_000), "100", "Unsent panics kept on disk at most"));
  public static final Option<Integer> MAX_EVENTS_PER_FINGERPRINT =
      declare(
          Option.of(
              "maxEventsPerFingerprint",
              OptionTypes.ints(0, Integer.MAX_VALUE),
              "5",
              "Panics sent per fingerprint and fingerprintWindow; 0 turns the crash-loop guard off"));
  public static final Option<Long> FINGERPRINT_WINDOW =
      declare(Option.of("fingerprintWindow", ValueTypes.DURATION, "1 hour", "Window of the crash-loop guard"));
  /** Seconds, not the SDK's 30 s: a crash reporter must not hold a dying process. */
  public static final Option<Integer> CONNECTION_TIMEOUT_MILLIS =
      declare(
          Option.of(
              "connectionTimeoutMillis",
              OptionTypes.ints(1, Integer.MAX_VALUE),
              "5000",
              "Connect timeout of one delivery attempt, in ms"));
  public static final Option<Integer> READ_TIMEOUT_MILLIS =
      declare(
          Option.of(
              "readTimeoutMillis",
              OptionTypes.ints(1, Integer.MAX_VALUE),
              "5000",
              "Read timeout of one delivery attempt, in ms"));

  // sentry-logback's own options, by its names, for users who migrate (issue 15); they act only at
  // a panic, never on the log call
  /** Sent only when set: the SDK's own host name lookup ({@code attachServerName}) stays off. */
  public static final Option<String> SERVER_NAME =
      declare(Option.of("serverName", OptionTypes.TEXT, null, "Server name of every event; none unless set"));
  public static final Option<String> DIST =
      declare(Option.of("dist", ValueTypes.DIST, null, "Distribution of the release, e.g. a build number"));
  public static final Option<String> IN_APP_INCLUDE =
      declare(
          Option.of("inAppInclude", ValueTypes.PACKAGE_PREFIX, null, "Package prefix whose frames are in_app")
              .repeatable());
  public static final Option<String> IN_APP_EXCLUDE =
      declare(
          Option.of("inAppExclude", ValueTypes.PACKAGE_PREFIX, null, "Package prefix whose frames are not in_app")
              .repeatable());
  public static final Option<String> CONTEXT_TAG =
      declare(
          Option.of("contextTag", ValueTypes.TAG_NAME, null, "MDC key whose value becomes a tag of the event")
              .repeatable());
  public static final Option<Boolean> DEBUG =
      declare(Option.of("debug", OptionTypes.BOOLEAN, "false", "The Sentry SDK's own diagnostic lines as status lines"));

  /** The outbox without a DSN, in the working directory. */
  public static final String DEFAULT_OUTBOX = "panicwatch-outbox.jsonl";
  public static final String DEFAULT_EDITION = EDITION.defaultText();
  public static final int DEFAULT_MAX_BREADCRUMBS = MAX_BREADCRUMBS.defaults().get(0);
  public static final List<String> DEFAULT_PANIC_MARKERS = List.copyOf(PANIC_MARKER.defaults());
  public static final long DEFAULT_FLUSH_TIMEOUT_MILLIS = FLUSH_TIMEOUT_MILLIS.defaults().get(0);
  public static final int DEFAULT_READ_TIMEOUT_MILLIS = READ_TIMEOUT_MILLIS.defaults().get(0);

  private final Map<Option<?>, List<String>> texts = new LinkedHashMap<>();
  private final List<Tag> tags = new ArrayList<>();
  private ScrubOptions scrub = new ScrubOptions();
  private ProxyOptions proxy;

  private static <V> Option<V> declare(Option<V> option) {
    DECLARED.add(option);
    return option;
  }

  /** Every declared option, in declaration order (the README's). */
  public static List<Option<?>> declared() {
    return Collections.unmodifiableList(DECLARED);
  }

  /**
   * Stores {@code text} for {@code option}: it replaces the value of a single option and adds one
   * more of a repeatable one. Parsed only by {@link #validate}.
   */
  public void set(Option<?> option, String text) {
    if (option.isRepeatable()) {
      texts.computeIfAbsent(option, key -> new ArrayList<>()).add(text == null ? "" : text);
    } else if (text == null || text.isBlank()) {
      texts.remove(option); // empty is as if not written, as in Logback
    } else {
      texts.put(option, new ArrayList<>(List.of(text)));
    }
  }

  /** The texts stored for {@code option}, as given; empty when it is unset. */
  public List<String> texts(Option<?> option) {
    return Collections.unmodifiableList(texts.getOrDefault(option, List.of()));
  }

  /**
   * The value of a single option: its text parsed, or its default ({@code null} for none).
   *
   * @throws IllegalStateException when the text does not parse: call only after {@link #validate}
   */
  public <V> V get(Option<V> option) {
    List<V> values = getAll(option);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** The values of a repeatable option, or its defaults when none is configured. */
  public <V> List<V> getAll(Option<V> option) {
    List<String> configured = texts.get(option);
    if (configured == null || configured.isEmpty()) {
      return option.defaults();
    }
    List<V> values = new ArrayList<>();
    for (String text : configured) {
      try {
        values.add(option.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(option.problem(option.name(), text).message(), e);
      }
    }
    return values;
  }

  /** The DSN as configured, or {@code null} when none is (empty counts as none). */
  public String dsn() {
    List<String> dsn = texts(DSN);
    return dsn.isEmpty() ? null : dsn.get(0).trim();
  }

  /** The outbox path as configured, or {@code null} when none was configured. */
  public String configuredOutbox() {
    List<String> outbox = texts(OUTBOX);
    return outbox.isEmpty() ? null : outbox.get(0).trim();
  }

  /**
   * Where events are written locally: the configured outbox; without a DSN, the default outbox in
   * the working directory; with a DSN and no outbox configured, nowhere ({@code null}).
   */
  public File outboxFile() {
    String path = configuredOutbox();
    if (path == null && dsn() == null) {
      path = DEFAULT_OUTBOX;
    }
    return path == null ? null : new File(path).getAbsoluteFile();
  }

  public String release() {
    return get(RELEASE);
  }

  public String environment() {
    return get(ENVIRONMENT);
  }

  public String edition() {
    return get(EDITION);
  }

  /** Declared tags in declaration order; an incomplete one is left out ({@link #validate} reports it). */
  public Map<String, String> tags() {
    Map<String, String> complete = new LinkedHashMap<>();
    for (Tag tag : tags) {
      if (tag.getName() != null && !tag.getName().isBlank() && tag.getValue() != null) {
        complete.put(tag.getName().trim(), tag.getValue());
      }
    }
    return Collections.unmodifiableMap(complete);
  }

  /** The tags as configured, complete or not. */
  public List<Tag> configuredTags() {
    return Collections.unmodifiableList(tags);
  }

  public void addTag(Tag tag) {
    tags.add(tag == null ? new Tag() : tag);
  }

  public int maxBreadcrumbs() {
    return get(MAX_BREADCRUMBS);
  }

  public Severity minimumBreadcrumbLevel() {
    return get(MINIMUM_BREADCRUMB_LEVEL);
  }

  /** The event threshold, or {@code null} when unset (only markers make panics). */
  public Severity minimumEventLevel() {
    return get(MINIMUM_EVENT_LEVEL);
  }

  /** The configured panic markers, or the defaults FATAL and PANIC when none is configured. */
  public List<String> panicMarkers() {
    return List.copyOf(getAll(PANIC_MARKER));
  }

  /** The appender's own {@code enableSentry} text as written, or {@code null}. */
  public String enableSentry() {
    List<String> enableSentry = texts(ENABLE_SENTRY);
    return enableSentry.isEmpty() ? null : enableSentry.get(0);
  }

  public boolean captureUncaught() {
    return get(CAPTURE_UNCAUGHT);
  }

  public boolean reportPreviousCrashes() {
    return get(REPORT_PREVIOUS_CRASHES);
  }

  public long flushTimeoutMillis() {
    return get(FLUSH_TIMEOUT_MILLIS);
  }

  public boolean eagerFormatting() {
    return get(EAGER_FORMATTING);
  }

  public ScrubOptions scrub() {
    return scrub;
  }

  public void setScrub(ScrubOptions scrub) {
    this.scrub = scrub == null ? new ScrubOptions() : scrub;
  }

  /**
   * The folder that holds the spool and the crash-loop counts, before the per-DSN subfolder: the
   * configured {@code cacheDirPath}, else {@code panicwatch-<user>} under {@code java.io.tmpdir}.
   */
  public File cacheDir() {
    List<String> path = texts(CACHE_DIR_PATH);
    return path.isEmpty() ? PrivateFolder.userFolder().toFile() : new File(path.get(0).trim()).getAbsoluteFile();
  }

  /** True when {@code cacheDirPath} is unset: the per-user folder (README "Security"). */
  public boolean usesDefaultCacheDir() {
    return texts(CACHE_DIR_PATH).isEmpty();
  }

  public int maxSpooledEvents() {
    return get(MAX_SPOOLED_EVENTS);
  }

  /** Events sent per fingerprint and window; 0 turns the crash-loop guard off. */
  public int maxEventsPerFingerprint() {
    return get(MAX_EVENTS_PER_FINGERPRINT);
  }

  /** The window in milliseconds. */
  public long fingerprintWindowMillis() {
    return get(FINGERPRINT_WINDOW);
  }

  public int connectionTimeoutMillis() {
    return get(CONNECTION_TIMEOUT_MILLIS);
  }

  public int readTimeoutMillis() {
    return get(READ_TIMEOUT_MILLIS);
  }

  /** The server name as configured, or {@code null}: then the events carry none. */
  public String serverName() {
    return get(SERVER_NAME);
  }

  /** The dist as configured, or {@code null}. */
  public String dist() {
    return get(DIST);
  }

  /** Package prefixes whose frames are in_app, in order; empty when none is configured. */
  public List<String> inAppIncludes() {
    return getAll(IN_APP_INCLUDE);
  }

  /** Package prefixes whose frames are not in_app, in order; empty when none is configured. */
  public List<String> inAppExcludes() {
    return getAll(IN_APP_EXCLUDE);
  }

  /** MDC keys whose values become tags, in order; empty when none is configured. */
  public List<String> contextTags() {
    return getAll(CONTEXT_TAG);
  }

  /** Whether the SDK's own diagnostic lines become status lines. */
  public boolean debug() {
    return get(DEBUG);
  }

  /** The {@code <proxy>} as configured, complete or not; {@code null} when there is none. */
  public ProxyOptions proxy() {
    return proxy;
  }

  public void setProxy(ProxyOptions proxy) {
    this.proxy = proxy;
  }

  /**
   * Drops a DSN that names a variable nothing defined: {@code <dsn>${SENTRY_DSN}</dsn>} is how most
   * sentry-logback users write it, and there an unset {@code SENTRY_DSN} (a developer's machine)
   * means no DSN, not an error that would stop a Spring Boot service from starting. So here too it
   * means no DSN: the outbox, as with an empty one. Every other option keeps issue 19's rule.
   *
   * @return the name of the undefined variable when the DSN was dropped, else {@code null}
   */
  public String dropDsnWithUndefinedVariable(UnresolvedVariables variables) {
    String dsn = dsn();
    String variable = dsn == null ? null : variables.find(dsn);
    if (variable != null) {
      set(DSN, null);
    }
    return variable;
  }

  /** Everything wrong with these options; empty when they can be used. Never throws. */
  public List<ConfigProblem> validate() {
    return validate(UnresolvedVariables.NONE);
  }

  /**
   * Everything wrong with these options, where {@code variables} finds what the frontend left of a
   * variable it could not resolve; empty when they can be used. Never throws.
   */
  public List<ConfigProblem> validate(UnresolvedVariables variables) {
    List<ConfigProblem> problems = new ArrayList<>(OptionTables.APPENDER.check(this, variables));
    for (Option<?> option : DECLARED) {
      // an empty entry of a list (panicMarker="CRASH,,FATAL") is a slip; as a prefix it would match all
      if (option.isRepeatable() && texts(option).stream().anyMatch(String::isBlank)) {
        problems.add(new ConfigProblem(option.name(), "A <" + option.name() + "> is empty."));
      }
    }
    for (Tag tag : tags) {
      String incomplete = tag.incompleteness();
      if (incomplete != null) {
        problems.add(new ConfigProblem("tag", incomplete));
      }
    }
    File outboxFile = outboxFile();
    if (outboxFile != null) {
      String outboxProblem = outboxProblem(outboxFile);
      if (outboxProblem != null) {
        problems.add(new ConfigProblem("outbox", "Unwritable outbox [" + outboxFile + "]: " + outboxProblem));
      }
    }
    problems.addAll(scrub.validate());
    String proxyIncomplete = proxy == null ? null : proxy.incompleteness();
    if (proxyIncomplete != null) {
      problems.add(new ConfigProblem("proxy", proxyIncomplete));
    }
    if (dsn() != null && !usesDefaultCacheDir()) { // the per-user default is never a reason not to start
      String cacheProblem = cacheDirProblem(cacheDir());
      if (cacheProblem != null) {
        problems.add(new ConfigProblem("cacheDirPath", "Unusable cacheDirPath [" + cacheDir() + "]: " + cacheProblem));
      }
    }
    return problems;
  }

  /** The spool folder is created at the first panic; here only check that it can be. */
  private static String cacheDirProblem(File dir) {
    File existing = dir;
    while (existing != null && !existing.exists()) {
      existing = existing.getParentFile();
    }
    if (existing == null) {
      return "no part of the path exists";
    }
    if (!existing.isDirectory()) {
      return existing + " is not a directory";
    }
    return existing.canWrite() ? null : existing + " is not writable";
  }

  private static String outboxProblem(File file) {
    if (file.isDirectory()) {
      return "it is a directory";
    }
    if (file.exists()) {
      return file.canWrite() ? null : "the file is not writable";
    }
    File parent = file.getParentFile();
    if (parent == null || !parent.isDirectory()) {
      return "its directory does not exist";
    }
    return parent.canWrite() ? null : "its directory is not writable";
  }
}
