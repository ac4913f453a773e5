package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.config.OptionTables;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.config.ProxyOptions;
import io.github.panicwatch.core.scrub.EventScrubber;
import io.github.panicwatch.core.storage.Disk;
import io.github.panicwatch.core.storage.LegacySharedFolder;
import io.github.panicwatch.core.storage.PrivateFolder;
import io.sentry.JsonSerializer;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.util.StringUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Panicwatch's own Sentry client: built from options of its own, never through {@code Sentry.init},
 * so an application that uses Sentry itself keeps its options, scopes and breadcrumbs, and ours carry
 * none of its data. The SDK does the rest: exception conversion, envelopes, HTTP, rate limits. The
 * scrubber runs as {@code beforeSend}, the last step before serialisation, so it sees the event
 * exactly as it will be sent. With a DSN, every event passes the crash-loop guard and goes through
 * the disk spool (README "Reliability").
 */
public final class SentryDelivery implements AutoCloseable {
  /**
   * The SDK requires a DSN even when it never connects; without a real one, this stands in. It is
   * never contacted: without a DSN no HTTP transport is built.
   */
  static final String OUTBOX_ONLY_DSN = "http://outbox@localhost/0";
  /** Extra that tells how many panics of this fingerprint the crash-loop guard held back before. */
  public static final String SUPPRESSED_EXTRA = "suppressed_panics";
  /** Extra that tells how many unsent panics a full spool dropped before this one. */
  public static final String SPOOL_DROPPED_EXTRA = "dropped_from_spool";
  /** Tag with the crash-loop fingerprint. */
  public static final String FINGERPRINT_TAG = "fingerprint";
  /** Extra that tells how many panics this process dropped before this one (issue 12). */
  public static final String DROPPED_EXTRA = "dropped_panics";
  /** Extra that tells how many panics Sentry refused even trimmed (413, 400) before this one. */
  public static final String REFUSED_EXTRA = "refused_panics";

  private final String name;
  private final SentryClient client;
  private final StatusSink status;
  private final Spool spool;
  private final CrashLoopGuard guard;
  private final Set<String> reportedSuppressions = ConcurrentHashMap.newKeySet();
  private final LostPanics lost;
  private final LostPanics refused;

  /**
   * @param name the appender's name, for thread names and status messages
   * @param config validated options; with no DSN, events go to the outbox only, unguarded
   */
  public SentryDelivery(
      String name,
      PanicwatchOptions config,
      String release,
      String environment,
      EventScrubber scrubber,
      StatusSink status) {
    this(name, config, release, environment, scrubber, status, Disk.REAL);
  }

  /** As above, every file on {@code disk}: tests pass a faulty one (a full disk, a read-only folder). */
  SentryDelivery(
      String name,
      PanicwatchOptions config,
      String release,
      String environment,
      EventScrubber scrubber,
      StatusSink status,
      Disk disk) {
    this.name = name;
    this.status = status;
    this.lost = new LostPanics(name, DROPPED_EXTRA, "dropped", status);
    this.refused = new LostPanics(name, REFUSED_EXTRA, "refused by Sentry and dropped", status);
    String dsn = config.dsn();
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn == null ? OUTBOX_ONLY_DSN : dsn);
    options.setRelease(release);
    options.setEnvironment(environment);
    // no PII of the SDK's own making: no user IP, no host name
    options.setSendDefaultPii(false);
    options.setAttachServerName(false);
    options.setAttachThreads(false);
    options.setAttachStacktrace(false);
    options.setEnableUncaughtExceptionHandler(false);
    options.setEnableShutdownHook(false);
    options.setSendClientReports(false); // keeps spooled envelopes exactly the event we built
    options.setFlushTimeoutMillis(config.flushTimeoutMillis());
    options.setShutdownTimeoutMillis(0); // Panicwatch flushes within its own bound before closing
    options.setConnectionTimeoutMillis(config.connectionTimeoutMillis());
    options.setReadTimeoutMillis(config.readTimeoutMillis());
    // sentry-logback's options (issue 15): the SDK applies them to every event, the watcher's too
    options.setServerName(config.serverName()); // none unless set: attachServerName stays false
    options.setDist(config.dist());
    config.inAppIncludes().forEach(options::addInAppInclude);
    config.inAppExcludes().forEach(options::addInAppExclude);
    options.addEventProcessor(new InAppFrames(options)); // frames the SDK did not convert itself
    ProxyOptions proxy = config.proxy();
    if (proxy != null) {
      // read by HttpEnvelopeUploader, which posts every envelope; the SDK's own transport is never built
      options.setProxy(
          new SentryOptions.Proxy(
              proxy.getHost().trim(), OptionTables.PROXY.option("port").parse(proxy.getPort()).toString(),
              proxy.getUser(), proxy.getPass()));
    }
    options.setDebug(true); // lets the SDK's warnings reach SdkStatusLogger, which drops the rest
    // at the default DEBUG the SDK also pretty-prints every event it serialises, only to log it: so
    // that level only when asked for (debug), and then on one line
    options.setDiagnosticLevel(config.debug() ? SentryLevel.DEBUG : SentryLevel.WARNING);
    options.setEnablePrettySerializationOutput(false);
    options.setSerializer(new BufferingSerializer(new JsonSerializer(options)));
    options.setLogger(new SdkStatusLogger(status, config.debug()));
    options.setBeforeSend(
        (event, hint) -> {
          try {
            return scrubber.scrub(event);
          } catch (RuntimeException | Error e) {
            // the SDK would send the event unscrubbed if this threw: drop it instead
            status.error("Scrubbing failed; the event was dropped rather than sent unscrubbed", e);
            return null;
          }
        });
    SizeBudget budget = new SizeBudget(options.getSerializer());
    SpoolTransport spoolTransport = null;
    if (dsn != null) {
      String folderName = StringUtils.calculateStringHash(dsn, options.getLogger());
      PrivateFolder folder = openSpoolFolder(config, folderName, disk);
      this.spool =
          new Spool(
              name, folder, config.maxSpooledEvents(), options.getSerializer(), options.getEnvelopeReader(), status);
      if (config.usesDefaultCacheDir()) {
        spool.takeOverLegacy(LegacySharedFolder.path().resolve(folderName));
      }
      this.guard =
          config.maxEventsPerFingerprint() == 0 || folder == null
              ? null
              : new CrashLoopGuard(folder, config.maxEventsPerFingerprint(), config.fingerprintWindowMillis());
      EnvelopeUploader uploader = new HttpEnvelopeUploader(options);
      SpoolSender sender = new SpoolSender(name, spool, uploader, budget, refused, lost, status);
      spoolTransport = new SpoolTransport(name, spool, uploader, sender, status);
    } else {
      this.spool = null;
      this.guard = null;
    }
    File outboxFile = config.outboxFile();
    OutboxWriter outbox = outboxFile == null ? null : new OutboxWriter(outboxFile, disk);
    if (outbox != null) {
      String refusal = outbox.refusal();
      if (refusal != null) {
        status.error(
            "the outbox [" + outboxFile + "] is refused: " + refusal
                + "; no event is written to it until it is a file of this user (README \"Security\")",
            null);
      }
    }
    options.setTransportFactory(new PanicwatchTransportFactory(budget, spoolTransport, outbox, status));
    this.client = new SentryClient(options);
    if (spoolTransport != null) {
      spoolTransport.resendLeftovers();
    }
  }

  /**
   * The private folder of the spool and the crash-loop counts: {@code <cacheDirPath>/<SHA-1 of the
   * DSN>}, or one beside it when that one is refused (README "Security"); {@code null} without a
   * DSN, or when no folder could be had (panics then wait in memory only).
   */
  public File spoolDir() {
    return spool == null ? null : spool.dir();
  }

  /**
   * Passes the event through the crash-loop guard, then hands it to the SDK; returns once it is on
   * disk (or written to the outbox). Never throws.
   *
   * @param fingerprint the panic's {@link Fingerprint}
   */
  public void capture(SentryEvent event, String fingerprint) {
    // the crash-loop counts' FileChannel and the SDK's own waits fail on an interrupted thread (issue 12)
    InterruptMask.run(() -> captureUnmasked(event, fingerprint));
  }

  private void captureUnmasked(SentryEvent event, String fingerprint) {
    try {
      event.setTag(FINGERPRINT_TAG, fingerprint);
      if (guard != null && !admit(event, fingerprint)) {
        return;
      }
      long spoolDrops = spool == null ? 0 : spool.takeUnreportedDrops();
      if (spoolDrops > 0) {
        event.setExtra(SPOOL_DROPPED_EXTRA, spoolDrops);
      }
      lost.addTo(event);
      refused.addTo(event);
      client.captureEvent(event, null, null);
    } catch (RuntimeException e) {
      lost.drop("Sentry could not capture the event: " + e);
    }
  }

  /** Panics lost before they reached the SDK; the next event carries their count. */
  public LostPanics lost() {
    return lost;
  }

  /**
   * The spool folder: the per-user folder's {@code folderName}, or {@code folderName} in the
   * configured {@code cacheDirPath}; {@code null}, and an ERROR status, when none can be had.
   */
  private PrivateFolder openSpoolFolder(PanicwatchOptions config, String folderName, Disk disk) {
    Path base = config.cacheDir().toPath();
    try {
      if (config.usesDefaultCacheDir()) {
        return PrivateFolder.open(base, disk, status).folder(folderName, status);
      }
      return PrivateFolder.open(base.resolve(folderName), disk, status); // the configured folder is the user's
    } catch (IOException | RuntimeException e) {
      status.error(
          "no spool folder can be made under [" + base + "]: panics wait in memory"
              + " only until they are sent (at most " + config.maxSpooledEvents() + "), and are lost if the"
              + " process ends first; the crash-loop guard is off",
          e);
      return null;
    }
  }

  private boolean admit(SentryEvent event, String fingerprint) {
    CrashLoopGuard.Admission admission;
    try {
      admission = guard.admit(fingerprint, System.currentTimeMillis());
    } catch (IOException | RuntimeException e) {
      status.warn("crash-loop counts unavailable; sending unguarded", e);
      return true;
    }
    if (admission.send()) {
      reportedSuppressions.remove(fingerprint);
      if (admission.suppressed() > 0) {
        event.setExtra(SUPPRESSED_EXTRA, admission.suppressed());
      }
      return true;
    }
    if (reportedSuppressions.add(fingerprint)) {
      status.warn(
          "crash-loop guard: panic with fingerprint " + fingerprint
              + " suppressed (maxEventsPerFingerprint reached within fingerprintWindow; "
              + admission.suppressed() + " held back so far, reported with the next one sent)",
          null);
    }
    return false;
  }

  /** Waits up to {@code timeoutMillis} for spooled events to be sent (or to fail and stay spooled). */
  public void flush(long timeoutMillis) {
    InterruptMask.run(() -> client.flush(timeoutMillis));
  }

  @Override
  public void close() {
    InterruptMask.run(client::close);
  }
}
