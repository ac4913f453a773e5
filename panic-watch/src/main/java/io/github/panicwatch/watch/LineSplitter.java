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
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        emit();
      } else if (length < line.length) {
        line[length++] = b;
      }
    }
  }

  /** The stream ended: a last line without newline still counts. */
  void end() {
    if (length > 0) {
      emit();
    }
  }

  private void emit() {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    length = 0;
    lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
  }
}
