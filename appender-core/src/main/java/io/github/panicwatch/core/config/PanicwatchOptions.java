package io.github.panicwatch.core.config;

import io.github.panicwatch.core.scrub.ScrubOptions;
import io.github.panicwatch.core.select.Severity;
import io.github.panicwatch.core.storage.PrivateFolder;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option of a Panicwatch appender, with its default, shared by the Logback and Log4j2
 * adapters so both take the same names and the same defaults. Setters only store; {@link
 * #validate()} reports what is wrong and never throws. Names follow the official sentry-logback
 * appender where the meaning is the same.
 */
public final class PanicwatchOptions {
  public static final String DEFAULT_OUTBOX = "panicwatch-outbox.jsonl";
  public static final String DEFAULT_EDITION = "oss";
  public static final int DEFAULT_MAX_BREADCRUMBS = 100;
  public static final String DEFAULT_MINIMUM_BREADCRUMB_LEVEL = "INFO";
  public static final List<String> DEFAULT_PANIC_MARKERS = List.of("FATAL", "PANIC");
  public static final long DEFAULT_FLUSH_TIMEOUT_MILLIS = 2000;
  /** Far above any useful breadcrumb trail; a guard against a typo that would eat memory. */
  public static final int MAX_BREADCRUMBS_LIMIT = 10_000;
  public static final int DEFAULT_MAX_SPOOLED_EVENTS = 100;
  public static final int MAX_SPOOLED_EVENTS_LIMIT = 100_000;
  public static final int DEFAULT_MAX_EVENTS_PER_FINGERPRINT = 5;
  public static final String DEFAULT_FINGERPRINT_WINDOW = "1 hour";
  /** Seconds, not the SDK's 30 s: a crash reporter must not hold a dying process. */
  public static final int DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;
  public static final int DEFAULT_READ_TIMEOUT_MILLIS = 5_000;

  private String dsn;
  private String outbox;
  private String release;
  private String environment;
  private String edition = DEFAULT_EDITION;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final List<String> tagProblems = new ArrayList<>();
  private int maxBreadcrumbs = DEFAULT_MAX_BREADCRUMBS;
  private String minimumBreadcrumbLevel = DEFAULT_MINIMUM_BREADCRUMB_LEVEL;
  private String minimumEventLevel;
  private final List<String> panicMarkers = new ArrayList<>();
  private String enableSentry;
  private boolean captureUncaught = true;
  private long flushTimeoutMillis = DEFAULT_FLUSH_TIMEOUT_MILLIS;
  private boolean eagerFormatting;
  private ScrubOptions scrub = new ScrubOptions();
  private String cacheDirPath;
  private int maxSpooledEvents = DEFAULT_MAX_SPOOLED_EVENTS;
  private int maxEventsPerFingerprint = DEFAULT_MAX_EVENTS_PER_FINGERPRINT;
  private String fingerprintWindow = DEFAULT_FINGERPRINT_WINDOW;
  private int connectionTimeoutMillis = DEFAULT_CONNECTION_TIMEOUT_MILLIS;
  private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;

  /** The DSN, or {@code null} when none is configured (blank and Logback's undefined count as none). */
  public String dsn() {
    if (dsn == null || dsn.isBlank() || dsn.endsWith("_IS_UNDEFINED")) {
      return null;
    }
    return dsn.trim();
  }

  public void setDsn(String dsn) {
    this.dsn = dsn;
  }

  /** The outbox path as configured, or {@code null} when none was configured. */
  public String configuredOutbox() {
    return outbox == null || outbox.isBlank() ? null : outbox.trim();
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

  public void setOutbox(String outbox) {
    this.outbox = outbox;
  }

  public String release() {
    return blankToNull(release);
  }

  public void setRelease(String release) {
    this.release = release;
  }

  public String environment() {
    return blankToNull(environment);
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String edition() {
    String value = blankToNull(edition);
    return value == null ? DEFAULT_EDITION : value;
  }

  public void setEdition(String edition) {
    this.edition = edition;
  }

  /** Declared tags in declaration order. */
  public Map<String, String> tags() {
    return Collections.unmodifiableMap(tags);
  }

  public void addTag(Tag tag) {
    if (tag == null || tag.getName() == null || tag.getName().isBlank()) {
      tagProblems.add("A <tag> needs a <name>; the tag was ignored.");
    } else if (tag.getValue() == null) {
      tagProblems.add("Tag [" + tag.getName() + "] has no <value>; the tag was ignored.");
    } else {
      tags.put(tag.getName().trim(), tag.getValue());
    }
  }

  public int maxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  public void setMaxBreadcrumbs(int maxBreadcrumbs) {
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  /** The parsed breadcrumb threshold; only meaningful after {@link #validate()} found no problem. */
  public Severity minimumBreadcrumbLevel() {
    return Severity.parse(minimumBreadcrumbLevel);
  }

  public void setMinimumBreadcrumbLevel(String level) {
    this.minimumBreadcrumbLevel = level;
  }

  /** The parsed event threshold, or {@code null} when unset (only markers make panics). */
  public Severity minimumEventLevel() {
    return blankToNull(minimumEventLevel) == null ? null : Severity.parse(minimumEventLevel);
  }

  public void setMinimumEventLevel(String level) {
    this.minimumEventLevel = level;
  }

  /** The configured panic markers, or the defaults FATAL and PANIC when none is configured. */
  public List<String> panicMarkers() {
    return panicMarkers.isEmpty() ? DEFAULT_PANIC_MARKERS : List.copyOf(panicMarkers);
  }

  /** Adds a panic marker name; configuring any replaces the defaults. */
  public void addPanicMarker(String name) {
    panicMarkers.add(name == null ? "" : name.trim());
  }

  /** The appender's own {@code enableSentry} value as written, or {@code null}. */
  public String enableSentry() {
    return enableSentry;
  }

  public void setEnableSentry(String enableSentry) {
    this.enableSentry = enableSentry;
  }

  public boolean captureUncaught() {
    return captureUncaught;
  }

  public void setCaptureUncaught(boolean captureUncaught) {
    this.captureUncaught = captureUncaught;
  }

  public long flushTimeoutMillis() {
    return flushTimeoutMillis;
  }

  public void setFlushTimeoutMillis(long flushTimeoutMillis) {
    this.flushTimeoutMillis = flushTimeoutMillis;
  }

  public boolean eagerFormatting() {
    return eagerFormatting;
  }

  public void setEagerFormatting(boolean eagerFormatting) {
    this.eagerFormatting = eagerFormatting;
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
    String path = blankToNull(cacheDirPath);
    return path == null ? PrivateFolder.userFolder().toFile() : new File(path).getAbsoluteFile();
  }

  /** True when {@code cacheDirPath} is unset: the per-user folder (README "Security"). */
  public boolean usesDefaultCacheDir() {
    return blankToNull(cacheDirPath) == null;
  }

  public void setCacheDirPath(String cacheDirPath) {
    this.cacheDirPath = cacheDirPath;
  }

  public int maxSpooledEvents() {
    return maxSpooledEvents;
  }

  public void setMaxSpooledEvents(int maxSpooledEvents) {
    this.maxSpooledEvents = maxSpooledEvents;
  }

  /** Events sent per fingerprint and window; 0 turns the crash-loop guard off. */
  public int maxEventsPerFingerprint() {
    return maxEventsPerFingerprint;
  }

  public void setMaxEventsPerFingerprint(int maxEventsPerFingerprint) {
    this.maxEventsPerFingerprint = maxEventsPerFingerprint;
  }

  /** The window in milliseconds; only meaningful after {@link #validate()} found no problem. */
  public long fingerprintWindowMillis() {
    return DurationText.parseMillis(fingerprintWindow);
  }

  public void setFingerprintWindow(String fingerprintWindow) {
    this.fingerprintWindow = fingerprintWindow;
  }

  public int connectionTimeoutMillis() {
    return connectionTimeoutMillis;
  }

  public void setConnectionTimeoutMillis(int connectionTimeoutMillis) {
    this.connectionTimeoutMillis = connectionTimeoutMillis;
  }

  public int readTimeoutMillis() {
    return readTimeoutMillis;
  }

  public void setReadTimeoutMillis(int readTimeoutMillis) {
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /** Everything wrong with these options; empty when they can be used. Never throws. */
  public List<ConfigProblem> validate() {
    List<ConfigProblem> problems = new ArrayList<>();
    String dsnValue = dsn();
    if (dsnValue != null) {
      String dsnProblem = dsnProblem(dsnValue);
      if (dsnProblem != null) {
        problems.add(new ConfigProblem("dsn", "Invalid DSN [" + dsnValue + "]: " + dsnProblem));
      }
    }
    if (maxBreadcrumbs < 0 || maxBreadcrumbs > MAX_BREADCRUMBS_LIMIT) {
      problems.add(
          new ConfigProblem(
              "maxBreadcrumbs",
              "Invalid maxBreadcrumbs [" + maxBreadcrumbs + "]: must be 0 to " + MAX_BREADCRUMBS_LIMIT));
    }
    if (Severity.parse(minimumBreadcrumbLevel) == null) {
      problems.add(levelProblem("minimumBreadcrumbLevel", minimumBreadcrumbLevel));
    }
    if (blankToNull(minimumEventLevel) != null && Severity.parse(minimumEventLevel) == null) {
      problems.add(levelProblem("minimumEventLevel", minimumEventLevel));
    }
    for (String marker : panicMarkers) {
      if (marker.isEmpty()) {
        problems.add(new ConfigProblem("panicMarker", "A <panicMarker> is empty."));
      }
    }
    if (flushTimeoutMillis < 0) {
      problems.add(
          new ConfigProblem(
              "flushTimeoutMillis",
              "Invalid flushTimeoutMillis [" + flushTimeoutMillis + "]: must not be negative"));
    }
    for (String tagProblem : tagProblems) {
      problems.add(new ConfigProblem("tag", tagProblem));
    }
    File outboxFile = outboxFile();
    if (outboxFile != null) {
      String outboxProblem = outboxProblem(outboxFile);
      if (outboxProblem != null) {
        problems.add(new ConfigProblem("outbox", "Unwritable outbox [" + outboxFile + "]: " + outboxProblem));
      }
    }
    problems.addAll(scrub.validate());
    problems.addAll(deliveryProblems());
    return problems;
  }

  private List<ConfigProblem> deliveryProblems() {
    List<ConfigProblem> problems = new ArrayList<>();
    if (maxSpooledEvents < 1 || maxSpooledEvents > MAX_SPOOLED_EVENTS_LIMIT) {
      problems.add(
          new ConfigProblem(
              "maxSpooledEvents",
              "Invalid maxSpooledEvents [" + maxSpooledEvents + "]: must be 1 to " + MAX_SPOOLED_EVENTS_LIMIT));
    }
    if (maxEventsPerFingerprint < 0) {
      problems.add(
          new ConfigProblem(
              "maxEventsPerFingerprint",
              "Invalid maxEventsPerFingerprint [" + maxEventsPerFingerprint + "]: must not be negative (0 turns the guard off)"));
    }
    if (fingerprintWindowMillis() <= 0) {
      problems.add(
          new ConfigProblem(
              "fingerprintWindow",
              "Invalid fingerprintWindow [" + fingerprintWindow + "]: use a positive duration such as \"1 hour\", \"30 minutes\" or \"500 milliseconds\""));
    }
    if (connectionTimeoutMillis <= 0) {
      problems.add(
          new ConfigProblem(
              "connectionTimeoutMillis",
              "Invalid connectionTimeoutMillis [" + connectionTimeoutMillis + "]: must be positive"));
    }
    if (readTimeoutMillis <= 0) {
      problems.add(
          new ConfigProblem(
              "readTimeoutMillis", "Invalid readTimeoutMillis [" + readTimeoutMillis + "]: must be positive"));
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

  private static ConfigProblem levelProblem(String option, String value) {
    return new ConfigProblem(
        option,
        "Unknown level ["
            + value
            + "] for "
            + option
            + ": use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
  }

  /** The same checks the SDK makes when it parses a DSN, without letting it throw at us. */
  private static String dsnProblem(String dsn) {
    URI uri;
    try {
      uri = new URI(dsn);
    } catch (URISyntaxException e) {
      return e.getMessage();
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return "the scheme must be http or https";
    }
    if (uri.getHost() == null) {
      return "it has no host";
    }
    if (uri.getUserInfo() == null || uri.getUserInfo().isBlank()) {
      return "it has no public key (http://KEY@host/PROJECT)";
    }
    String path = uri.getPath();
    if (path == null || path.length() < 2 || path.endsWith("/")) {
      return "it has no project id (http://KEY@host/PROJECT)";
    }
    return null;
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
