package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.storage.LegacySharedFolder;
import io.github.panicwatch.core.storage.PrivateFolder;
import io.github.panicwatch.core.storage.RefusedFileException;
import io.sentry.IEnvelopeReader;
import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk spool: one file per envelope, in the SDK's own envelope format, written before the
 * envelope is sent and deleted only once the server took it. Files are named
 * {@code <millis>-<seq>.<owner>.envelope}, so names sort oldest first, and each carries its owner:
 * the process (and engine) that sends it. Files of an owner that is gone (the process died, or the
 * engine was stopped) are adopted by renaming them, which is atomic, so two live processes sharing
 * the folder never send the same file. At most {@code maxEvents} files: the oldest are dropped.
 * The folder and its files are made and opened by {@link PrivateFolder} (README "Security").
 *
 * <p>Disk faults (issue 12): a panic that cannot be written (a full or read-only disk) waits in
 * memory, at most {@code maxEvents} and {@link #HELD_BYTES_LIMIT} bytes of them, and is written at
 * the next pass that can, or sent from memory; the oldest held is dropped and counted beyond that.
 * A file sent but not deletable (a folder turned read-only) is remembered as sent, so this process
 * never sends it again, and emptied where the file itself is still writable: the next start skips
 * an empty file. Each change of state is one status line.
 */
final class Spool {
  static final String SUFFIX = ".envelope";
  /** Most bytes of panics held in memory while the spool cannot be written. */
  static final long HELD_BYTES_LIMIT = 8L << 20;
  /** Owners alive in this JVM; a file of this process but not in here belongs to a stopped engine. */
  private static final Set<String> LIVE_OWNERS = ConcurrentHashMap.newKeySet();
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** A panic waiting to be sent: a file of the folder, or one held in memory. */
  record Entry(String name, boolean inMemory, Path file) {
    @Override
    public String toString() {
      return inMemory ? name + " (held in memory)" : file.toString();
    }
  }

  private final String appender;
  private final PrivateFolder folder;
  private final int maxEvents;
  private final ISerializer serializer;
  private final IEnvelopeReader reader;
  private final StatusSink status;
  private final String owner;
  private final AtomicLong unreportedDrops = new AtomicLong();
  // guarded by this
  private final TreeMap<String, byte[]> held = new TreeMap<>();
  private long heldBytes;
  private final Set<String> sentNotDeleted = new HashSet<>();
  private final Set<String> refusedReported = new HashSet<>();
  private boolean writeFailing;
  private boolean deleteFailing;
  private boolean readFailing;

  /**
   * @param appender the appender's name, for status lines
   * @param folder the private folder of this DSN, or {@code null} when none could be had: then
   *     panics are only held in memory until sent
   */
  Spool(
      String appender,
      PrivateFolder folder,
      int maxEvents,
      ISerializer serializer,
      IEnvelopeReader reader,
      StatusSink status) {
    this.appender = appender;
    this.folder = folder;
    this.maxEvents = maxEvents;
    this.serializer = serializer;
    this.reader = reader;
    this.status = status;
    byte[] token = new byte[4];
    new SecureRandom().nextBytes(token);
    this.owner = PID + "-" + HexFormat.of().formatHex(token);
    LIVE_OWNERS.add(owner);
  }

  /** The spool folder, or {@code null} when there is none. */
  File dir() {
    return folder == null ? null : folder.path().toFile();
  }

  /**
   * Takes over this user's unsent envelopes from {@code old}, the shared folder of earlier versions
   * ({@code ${java.io.tmpdir}/panicwatch/<SHA-1 of the DSN>}); other users' files stay where they are.
   */
  void takeOverLegacy(Path old) {
    if (folder == null) {
      return;
    }
    try {
      LegacySharedFolder.Takeover takeover =
          LegacySharedFolder.takeOver(
              folder, old, SUFFIX, name -> isGone(ownerOf(name)), Set.of(CrashLoopGuard.STATE_FILE));
      if (takeover.taken() > 0 || takeover.failed() > 0) {
        status.info(
            "took over " + takeover.taken() + " unsent panic(s) of this user from [" + old
                + "], the shared folder of an earlier version"
                + (takeover.failed() > 0 ? " (" + takeover.failed() + " could not be moved and stay there)" : "")
                + (takeover.leftAlone() > 0 ? "; " + takeover.leftAlone() + " file(s) of other users are left alone" : ""));
      }
    } catch (IOException | RuntimeException e) {
      status.warn("could not look for unsent panics in [" + old + "], the shared folder of an earlier version", e);
    }
  }

  /**
   * Writes the envelope as a new file (complete or not at all), first dropping the oldest files
   * beyond the bound; when the folder cannot be written, holds it in memory instead. Says in a
   * status line what it had to drop or hold.
   *
   * @throws IOException only when the envelope cannot be serialised
   */
  void write(SentryEnvelope envelope) throws IOException {
    byte[] content = serialize(envelope);
    String name = String.format("%013d-%09d.%s%s", System.currentTimeMillis(), SEQUENCE.incrementAndGet(), owner, SUFFIX);
    synchronized (this) {
      if (folder != null) {
        try {
          int dropped = makeRoom();
          folder.writeNew(name, content);
          if (dropped > 0) {
            status.warn(
                "the spool [" + folder + "] was full (maxSpooledEvents): dropped the " + dropped
                    + " oldest unsent panic(s); the next event reports it",
                null);
          }
          writeRecovered(0);
          return;
        } catch (IOException | RuntimeException e) {
          writeFailed(e);
        }
      }
      hold(name, content);
    }
  }

  /** Drops counted by {@link #write} and not yet taken; resets the count. */
  long takeUnreportedDrops() {
    return unreportedDrops.getAndSet(0);
  }

  /** True when a panic waits: a file in the folder, whoever owns it, or one held in memory. */
  synchronized boolean hasFiles() {
    if (!held.isEmpty()) {
      return true;
    }
    for (String name : list()) {
      if (!sentNotDeleted.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * This owner's panics, oldest first: first writes what memory holds to the folder where it now
   * can, retries deleting what was sent, and adopts every file whose owner is gone.
   */
  synchronized List<Entry> pending() {
    writeHeld();
    retryDeletes();
    List<Entry> mine = new ArrayList<>();
    for (String name : list()) {
      if (sentNotDeleted.contains(name)) {
        continue;
      }
      String fileOwner = ownerOf(name);
      if (owner.equals(fileOwner)) {
        mine.add(onDisk(name));
      } else if (isGone(fileOwner)) {
        String adopted = adoptedName(name);
        try {
          folder.move(name, adopted);
          mine.add(onDisk(adopted));
        } catch (NoSuchFileException e) {
          // another owner adopted it first
        } catch (IOException | RuntimeException e) {
          // a read-only folder: it cannot be adopted, but it can still be sent (by this process once;
          // another live process of this user may send it too: it keeps its event_id, Sentry drops
          // the copy)
          mine.add(onDisk(name));
        }
      }
    }
    for (String name : held.keySet()) {
      mine.add(new Entry(name, true, null));
    }
    mine.sort((a, b) -> a.name().compareTo(b.name()));
    return mine;
  }

  /**
   * The envelope of {@code entry}, or {@code null} when there is none to send now: gone (dropped or
   * sent meanwhile), emptied by an earlier process that sent it but could not delete it, refused,
   * or not readable this time (an I/O error, or an interrupt at stop: the file stays for the next
   * pass or start).
   *
   * @throws IOException only when the file was read but holds no envelope: it is of no use to anyone
   */
  SentryEnvelope read(Entry entry) throws IOException {
    byte[] content;
    synchronized (this) {
      content = held.get(entry.name());
    }
    if (content == null) {
      try {
        content = folder.read(entry.name());
      } catch (NoSuchFileException e) {
        return null;
      } catch (RefusedFileException e) {
        reportRefused(entry.name(), e.reason()); // not ours to read, nor to delete
        return null;
      } catch (IOException e) {
        readFailed(entry, e);
        return null;
      }
      if (content.length == 0) {
        remove(entry); // sent before; the folder was read-only then
        return null;
      }
    }
    SentryEnvelope envelope;
    try {
      envelope = reader.read(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      throw new IOException("no envelope in " + content.length + " bytes", e);
    }
    if (envelope == null) {
      throw new IOException("no envelope in " + content.length + " bytes");
    }
    return envelope;
  }

  /**
   * Forgets a panic that was sent (or cannot be read). A file that cannot be deleted is remembered
   * as sent and emptied where it can be, so neither this process nor the next one sends it again.
   */
  synchronized void remove(Entry entry) {
    byte[] content = held.remove(entry.name());
    if (content != null) {
      heldBytes -= content.length;
      return;
    }
    try {
      folder.delete(entry.name());
      sentNotDeleted.remove(entry.name());
      deleteRecovered();
    } catch (NoSuchFileException e) {
      sentNotDeleted.remove(entry.name());
    } catch (IOException | RuntimeException e) {
      sentNotDeleted.add(entry.name());
      boolean emptied = folder.empty(entry.name());
      if (!deleteFailing) {
        deleteFailing = true;
        status.warn(
            "cannot delete the sent panic [" + entry.file() + "] from the spool (" + e
                + "): this process will not send it again, "
                + (emptied
                    ? "and it was emptied, so the next start skips it"
                    : "but the next start may (it keeps its event_id, so Sentry drops the copy)"),
            null);
      }
    }
  }

  /** Hands this owner's files to whoever looks next (a later engine or process). */
  void release() {
    LIVE_OWNERS.remove(owner);
    synchronized (this) {
      writeHeld();
      if (!held.isEmpty()) {
        status.warn(
            held.size() + " panic(s) held in memory are lost at stop: the spool "
                + (folder == null ? "has no folder" : "[" + folder + "] could not be written")
                + " and Sentry was not reached",
            null);
      }
    }
  }

  private void hold(String name, byte[] content) {
    held.put(name, content);
    heldBytes += content.length;
    int dropped = 0;
    while (held.size() > 1 && (held.size() > maxEvents || heldBytes > HELD_BYTES_LIMIT)) {
      heldBytes -= held.pollFirstEntry().getValue().length;
      dropped++;
    }
    if (dropped > 0) {
      unreportedDrops.addAndGet(dropped);
      status.warn(
          "dropped the " + dropped + " oldest panic(s) held in memory (at most " + maxEvents
              + " and " + (HELD_BYTES_LIMIT >> 20) + " MB wait there while the spool cannot be written);"
              + " the next event reports it",
          null);
    }
  }

  /** Writes held panics to the folder, oldest first, until one fails. */
  private void writeHeld() {
    if (folder == null || held.isEmpty()) {
      return;
    }
    int written = 0;
    while (!held.isEmpty()) {
      Map.Entry<String, byte[]> oldest = held.firstEntry();
      try {
        makeRoom();
        folder.writeNew(oldest.getKey(), oldest.getValue());
      } catch (IOException | RuntimeException e) {
        writeFailed(e);
        return;
      }
      held.pollFirstEntry();
      heldBytes -= oldest.getValue().length;
      written++;
    }
    writeRecovered(written);
  }

  private void retryDeletes() {
    for (String name : new ArrayList<>(sentNotDeleted)) {
      try {
        folder.delete(name);
        sentNotDeleted.remove(name);
        deleteRecovered();
      } catch (NoSuchFileException e) {
        sentNotDeleted.remove(name);
      } catch (IOException | RuntimeException e) {
        return; // still read-only
      }
    }
  }

  private synchronized void readFailed(Entry entry, IOException e) {
    if (!readFailing) {
      readFailing = true; // once per process: a disk that fails reads fails them all
      status.warn("cannot read the spooled panic [" + entry.file() + "] now; it stays for a later try", e);
    }
  }

  private void writeFailed(Exception e) {
    if (!writeFailing) {
      writeFailing = true;
      status.warn(
          "cannot write to the spool [" + folder + "]: panics wait in memory (at most " + maxEvents
              + " and " + (HELD_BYTES_LIMIT >> 20) + " MB) and are written or sent as soon as they can be",
          e);
    }
  }

  private void writeRecovered(int written) {
    if (writeFailing) {
      writeFailing = false;
      status.info(
          "the spool [" + folder + "] can be written again"
              + (written > 0 ? "; " + written + " panic(s) held in memory were written to it" : ""));
    }
  }

  private void deleteRecovered() {
    if (deleteFailing && sentNotDeleted.isEmpty()) {
      deleteFailing = false;
      status.info("sent panics can be deleted from the spool [" + folder + "] again");
    }
  }

  /** Drops this user's oldest files beyond the bound; files of others are not ours to drop. */
  private int makeRoom() {
    List<String> files = list();
    files.removeAll(sentNotDeleted);
    int dropped = 0;
    for (int i = 0; files.size() - i >= maxEvents; i++) {
      try {
        folder.delete(files.get(i));
        dropped++;
      } catch (IOException | RuntimeException e) {
        // gone already, or the folder is read-only: the write that follows will say so
      }
    }
    unreportedDrops.addAndGet(dropped);
    return dropped;
  }

  /** This user's envelope files; each refused one is named in one WARN status, then ignored. */
  private List<String> list() {
    if (folder == null) {
      return new ArrayList<>();
    }
    PrivateFolder.Listing listing;
    try {
      listing = folder.list(SUFFIX);
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>();
    }
    listing.refused().forEach(this::reportRefused);
    return new ArrayList<>(listing.files());
  }

  private synchronized void reportRefused(String name, String reason) {
    if (refusedReported.add(name)) {
      status.warn(
          "ignored [" + folder.file(name) + "] in the spool: " + reason
              + "; it is never read, sent or deleted (README \"Security\")",
          null);
    }
  }

  private Entry onDisk(String name) {
    return new Entry(name, false, folder.file(name));
  }

  private byte[] serialize(SentryEnvelope envelope) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      serializer.serialize(envelope, out);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot serialise the envelope", e);
    }
    return out.toByteArray();
  }

  /** The owner part of {@code <millis>-<seq>.<owner>.envelope}; empty when the name has none. */
  private static String ownerOf(String name) {
    int start = name.indexOf('.');
    int end = name.length() - SUFFIX.length();
    return start < 0 || start >= end ? "" : name.substring(start + 1, end);
  }

  /** The name of {@code name} once this owner has adopted it. */
  private String adoptedName(String name) {
    int start = name.indexOf('.');
    int end = name.length() - SUFFIX.length();
    String stem = start < 0 || start >= end ? name.substring(0, end) + "." : name.substring(0, start + 1);
    return stem + owner + SUFFIX;
  }

  private static boolean isGone(String fileOwner) {
    int dash = fileOwner.indexOf('-');
    long pid;
    try {
      pid = Long.parseLong(dash < 0 ? fileOwner : fileOwner.substring(0, dash));
    } catch (NumberFormatException e) {
      return true; // not one of ours by name: whoever finds it sends it
    }
    if (pid == PID) {
      return !LIVE_OWNERS.contains(fileOwner);
    }
    return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
  }
}
