package io.github.panicwatch.watch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the side copy of one of the child's streams line by line: offers each line to the
 * detectors, lets the detector whose block is open take the following lines, and hands each
 * finished block to {@code findings}, from stderr with a snapshot of the breadcrumbs before it. Lines of the
 * stderr stream that belong to no block become breadcrumbs (logger {@code stderr}), so a trace does
 * not push out the lines that led up to it. A line is decoded only when a block is open or it
 * starts like a block ({@link Detector#starts()}): nearly every line is looked at as bytes only.
 * Used by one scanner thread only; a chunk it was given must not change until {@link #release}d
 * (the breadcrumbs keep references into it). Reading a file the watcher writes to as well, it skips
 * the watcher's own {@code panic-watch:} lines: they are neither crashes nor the child's breadcrumbs.
 */
final class StreamScanner {
  /** The breadcrumbs' logger name. */
  static final String BREADCRUMB_CATEGORY = "stderr";

  private final List<Detector> detectors;
  private final StderrBreadcrumbs breadcrumbs;
  private final boolean recordsBreadcrumbs;
  private final Consumer<Finding> findings;
  private final LineSplitter splitter = new LineSplitter(this::line);
  /** What a line that may open a block starts with, UTF-8; an empty one lets every line through. */
  private final byte[][] starts;
  /** Whether a line's first byte is the first byte of one of {@link #starts}; all true if one is empty. */
  private final boolean[] firstBytes = new boolean[256];
  /** Lines starting with this are skipped, UTF-8; {@code null} when none are. */
  private final byte[] skipped;
  private long chunkMillis;
  private Detector.Block open;

  /**
   * @param breadcrumbs the breadcrumbs; snapshotted for every finding
   * @param recordsBreadcrumbs true for stderr: its lines outside blocks become breadcrumbs
   */
  StreamScanner(
      List<Detector> detectors, StderrBreadcrumbs breadcrumbs, boolean recordsBreadcrumbs, Consumer<Finding> findings) {
    this(detectors, breadcrumbs, recordsBreadcrumbs, findings, null);
  }

  /** @param skippedPrefix lines starting with it are not looked at; {@code null} looks at every line */
  StreamScanner(
      List<Detector> detectors,
      StderrBreadcrumbs breadcrumbs,
      boolean recordsBreadcrumbs,
      Consumer<Finding> findings,
      String skippedPrefix) {
    this.skipped = skippedPrefix == null ? null : skippedPrefix.getBytes(StandardCharsets.UTF_8);
    this.detectors = List.copyOf(detectors);
    this.breadcrumbs = breadcrumbs;
    this.recordsBreadcrumbs = recordsBreadcrumbs;
    this.findings = findings;
    this.starts =
        this.detectors.stream()
            .flatMap(detector -> detector.starts().stream())
            .map(start -> start.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
    for (byte[] start : starts) {
      if (start.length == 0) {
        Arrays.fill(firstBytes, true);
      } else {
        firstBytes[start[0] & 0xff] = true;
      }
    }
  }

  void accept(byte[] bytes, int offset, int count) {
    chunkMillis = System.currentTimeMillis(); // the lines of one read arrived together
    splitter.accept(bytes, offset, count);
  }

  /**
   * {@code bytes} is about to be refilled: the lines of it still kept as breadcrumbs become copies.
   * (Only breadcrumbs keep references into a chunk; a line spread over chunks is a copy already.)
   */
  void release(byte[] bytes) {
    if (recordsBreadcrumbs) {
      breadcrumbs.release(bytes);
    }
  }

  /** The stream has ended: the last line and an open block still count. */
  void end() {
    splitter.end();
    finishOpenBlock();
  }

  private void line(byte[] bytes, int start, int length) {
    if (skipped != null && startsWith(bytes, start, length, skipped)) {
      return;
    }
    String line = null;
    if (open != null) {
      line = new String(bytes, start, length, StandardCharsets.UTF_8);
      if (open.add(line)) {
        return;
      }
      finishOpenBlock();
    }
    if (mayOpen(bytes, start, length)) {
      if (line == null) {
        line = new String(bytes, start, length, StandardCharsets.UTF_8);
      }
      for (Detector detector : detectors) {
        Detector.Block block = detector.open(line);
        if (block != null) {
          open = block;
          return;
        }
      }
    }
    if (recordsBreadcrumbs) {
      breadcrumbs.add(bytes, start, length, chunkMillis);
    }
  }

  private boolean mayOpen(byte[] bytes, int start, int length) {
    if (!firstBytes[length == 0 ? 0 : bytes[start] & 0xff]) {
      return false; // nearly every line: one look-up
    }
    for (byte[] prefix : starts) {
      if (startsWith(bytes, start, length, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int start, int length, byte[] prefix) {
    return prefix.length <= length && Arrays.equals(bytes, start, start + prefix.length, prefix, 0, prefix.length);
  }

  private void finishOpenBlock() {
    if (open != null) {
      Detector.Block block = open;
      open = null;
      // a stdout block's stderr lines may still be queued for the other scanner: the watcher adds
      // its breadcrumbs once both streams are drained
      findings.accept(recordsBreadcrumbs ? block.finish().withBreadcrumbs(breadcrumbs.snapshot()) : block.finish());
    }
  }
}
