package io.github.panicwatch.watch;

import io.github.panicwatch.core.breadcrumbs.BreadcrumbRing;
import io.github.panicwatch.core.select.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the side copy of one of the child's streams line by line: offers each line to the
 * detectors, lets the detector whose block is open take the following lines, and hands each
 * finished block to {@code findings} with a snapshot of the breadcrumbs before it. Lines of the
 * stderr stream that belong to no block become breadcrumbs (logger {@code stderr}), so a trace does
 * not push out the lines that led up to it. Used by one pump thread only.
 */
final class StreamScanner {
  /** The breadcrumbs' logger name. */
  static final String BREADCRUMB_CATEGORY = "stderr";

  private final List<Detector> detectors;
  private final BreadcrumbRing ring;
  private final boolean recordsBreadcrumbs;
  private final Consumer<Finding> findings;
  private final LineSplitter splitter = new LineSplitter(this::line);
  private Detector.Block open;

  /**
   * @param ring the breadcrumb ring; snapshotted for every finding
   * @param recordsBreadcrumbs true for stderr: its lines outside blocks enter the ring
   */
  StreamScanner(List<Detector> detectors, BreadcrumbRing ring, boolean recordsBreadcrumbs, Consumer<Finding> findings) {
    this.detectors = List.copyOf(detectors);
    this.ring = ring;
    this.recordsBreadcrumbs = recordsBreadcrumbs;
    this.findings = findings;
  }

  void accept(byte[] bytes, int offset, int count) {
    splitter.accept(bytes, offset, count);
  }

  /** The stream has ended: the last line and an open block still count. */
  void end() {
    splitter.end();
    finishOpenBlock();
  }

  private void line(String line) {
    if (open != null) {
      if (open.add(line)) {
        return;
      }
      finishOpenBlock();
    }
    for (Detector detector : detectors) {
      Detector.Block block = detector.open(line);
      if (block != null) {
        open = block;
        return;
      }
    }
    if (recordsBreadcrumbs) {
      ring.record(System.currentTimeMillis() * 1_000_000L, Severity.INFO, BREADCRUMB_CATEGORY, null, line, null, Map.of());
    }
  }

  private void finishOpenBlock() {
    if (open != null) {
      Detector.Block block = open;
      open = null;
      findings.accept(block.finish().withBreadcrumbs(ring.snapshot()));
    }
  }
}
