package io.github.panicwatch.watch;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts the side copy of a stream into lines for the detectors: at {@code \n}, without a trailing
 * {@code \r}, decoded as UTF-8 (malformed bytes become U+FFFD; the pass-through copy keeps them).
 * A line longer than {@link #MAX_LINE_BYTES} is cut there and the rest up to its newline skipped,
 * so a child that never writes a newline costs bounded memory.
 */
final class LineSplitter {
  static final int MAX_LINE_BYTES = 16_384;

  private final Consumer<String> lines;
  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int length;

  LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  void accept(byte[] bytes, int offset, int count) {
    int end = offset + count;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        if (length == 0) {
          emit(bytes, start, i - start); // the whole line is in this chunk: decode it from there
        } else {
          append(bytes, start, i);
          emit(line, 0, length);
          length = 0;
        }
        start = i + 1;
      }
    }
    append(bytes, start, end);
  }

  /** The stream ended: a last line without newline still counts. */
  void end() {
    if (length > 0) {
      emit(line, 0, length);
      length = 0;
    }
  }

  /** Keeps the start of a line that continues in the next chunk, up to the limit. */
  private void append(byte[] bytes, int from, int to) {
    int kept = Math.min(to - from, line.length - length);
    if (kept > 0) {
      System.arraycopy(bytes, from, line, length, kept);
      length += kept;
    }
  }

  private void emit(byte[] bytes, int from, int count) {
    int end = Math.min(count, MAX_LINE_BYTES);
    if (end > 0 && bytes[from + end - 1] == '\r') {
      end--;
    }
    lines.accept(new String(bytes, from, end, StandardCharsets.UTF_8));
  }
}
