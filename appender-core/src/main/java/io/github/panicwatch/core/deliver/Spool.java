package io.github.panicwatch.core.deliver;

import io.sentry.IEnvelopeReader;
import io.sentry.ISerializer;
import io.sentry.SentryEnvelope;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk spool: one file per envelope, in the SDK's own envelope format, written before the
 * envelope is sent and deleted only once the server took it. Files are named
 * {@code <millis>-<seq>.<owner>.envelope}, so names sort oldest first, and each carries its owner:
 * the process (and engine) that sends it. Files of an owner that is gone (the process died, or the
 * engine was stopped) are adopted by renaming them, which is atomic, so two live processes sharing
 * the folder never send the same file. At most {@code maxEvents} files: the oldest are dropped.
 */
final class Spool {
  static final String SUFFIX = ".envelope";
  /** Owners alive in this JVM; a file of this process but not in here belongs to a stopped engine. */
  private static final Set<String> LIVE_OWNERS = ConcurrentHashMap.newKeySet();
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final File dir;
  private final int maxEvents;
  private final ISerializer serializer;
  private final IEnvelopeReader reader;
  private final String owner;
  private final AtomicLong unreportedDrops = new AtomicLong();

  Spool(File dir, int maxEvents, ISerializer serializer, IEnvelopeReader reader) {
    this.dir = dir;
    this.maxEvents = maxEvents;
    this.serializer = serializer;
    this.reader = reader;
    byte[] token = new byte[4];
    new SecureRandom().nextBytes(token);
    this.owner = PID + "-" + java.util.HexFormat.of().formatHex(token);
    LIVE_OWNERS.add(owner);
  }

  File dir() {
    return dir;
  }

  /**
   * Writes the envelope as a new file (complete or not at all), first dropping the oldest files
   * beyond the bound.
   *
   * @return how many old files were dropped to make room
   */
  int write(SentryEnvelope envelope) throws IOException {
    Files.createDirectories(dir.toPath());
    int dropped = makeRoom();
    String name = String.format("%013d-%09d.%s", System.currentTimeMillis(), SEQUENCE.incrementAndGet(), owner);
    File partial = new File(dir, name + ".tmp");
    try (OutputStream out = new FileOutputStream(partial)) {
      serializer.serialize(envelope, out);
    } catch (IOException e) {
      partial.delete();
      throw e;
    } catch (Exception e) {
      partial.delete();
      throw new IOException("cannot serialise the envelope", e);
    }
    move(partial, new File(dir, name + SUFFIX));
    return dropped;
  }

  /** Drops counted by {@link #write} and not yet taken; resets the count. */
  long takeUnreportedDrops() {
    return unreportedDrops.getAndSet(0);
  }

  /** True when the folder holds any envelope, whoever owns it. */
  boolean hasFiles() {
    return !all().isEmpty();
  }

  /** This owner's files, oldest first, after adopting every file whose owner is gone. */
  List<File> pending() {
    List<File> mine = new ArrayList<>();
    for (File file : all()) {
      String fileOwner = ownerOf(file);
      if (owner.equals(fileOwner)) {
        mine.add(file);
      } else if (isGone(fileOwner)) {
        File adopted = new File(dir, file.getName().replace("." + fileOwner + SUFFIX, "." + owner + SUFFIX));
        if (file.renameTo(adopted)) {
          mine.add(adopted); // a failed rename means another owner adopted it first
        }
      }
    }
    return mine;
  }

  /** The envelope in {@code file}, or {@code null} when it is gone (dropped or sent meanwhile). */
  SentryEnvelope read(File file) throws IOException {
    try (InputStream in = new BufferedInputStream(new FileInputStream(file))) {
      return reader.read(in);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  void remove(File file) {
    file.delete();
  }

  /** Hands this owner's files to whoever looks next (a later engine or process). */
  void release() {
    LIVE_OWNERS.remove(owner);
  }

  private int makeRoom() {
    List<File> files = all();
    int dropped = 0;
    for (int i = 0; files.size() - i >= maxEvents; i++) {
      if (files.get(i).delete()) {
        dropped++;
      }
    }
    unreportedDrops.addAndGet(dropped);
    return dropped;
  }

  private List<File> all() {
    File[] files = dir.listFiles((parent, name) -> name.endsWith(SUFFIX));
    if (files == null) {
      return List.of();
    }
    Arrays.sort(files);
    return Arrays.asList(files);
  }

  private static String ownerOf(File file) {
    String name = file.getName();
    int start = name.indexOf('.');
    return start < 0 ? "" : name.substring(start + 1, name.length() - SUFFIX.length());
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

  private static void move(File from, File to) throws IOException {
    try {
      Files.move(from.toPath(), to.toPath(), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from.toPath(), to.toPath());
    }
  }
}
