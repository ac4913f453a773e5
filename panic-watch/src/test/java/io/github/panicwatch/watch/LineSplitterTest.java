package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(lines::add);

  @Test
  void joinsLinesSplitAcrossReadsAndDropsTheCarriageReturn() {
    feed("first\r");
    feed("\nsec");
    feed("ond\nthird");
    splitter.end();

    assertThat(lines).containsExactly("first", "second", "third");
  }

  @Test
  void cutsAnEndlessLineAtTheLimitAndSkipsTheRestOfIt() {
    feed("x".repeat(LineSplitter.MAX_LINE_BYTES + 10) + "\nnext\n");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE_BYTES);
    assertThat(lines.get(1)).isEqualTo("next");
  }

  @Test
  void cutsALongLineSpreadOverSeveralReadsAtTheLimitToo() {
    String half = "y".repeat(LineSplitter.MAX_LINE_BYTES / 2 + 5);
    feed("a\r\n" + half);
    feed(half);
    feed(half + "\r\nb\r\n\r\n");

    assertThat(lines).containsExactly("a", "y".repeat(LineSplitter.MAX_LINE_BYTES), "b", "");
  }

  @Test
  void decodesUtf8WithinOneReadAndAcrossTwo() {
    byte[] bytes = "grüße\nüber\n".getBytes(StandardCharsets.UTF_8);
    splitter.accept(bytes, 0, 9); // "grüße\n" is 8 bytes, then the first byte of "ü"
    splitter.accept(bytes, 9, bytes.length - 9);

    assertThat(lines).containsExactly("grüße", "über");
  }

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    splitter.accept(bytes, 0, bytes.length);
  }

  @Test
  void findsTheFirstNewlineWhereverItFallsInAWordAndIgnoresLookalikeBytes() {
    for (int length = 0; length <= 20; length++) {
      for (int at = -1; at < length; at++) {
        byte[] bytes = new byte[length + 3];
        Arrays.fill(bytes, (byte) 0x8a); // 0x0a with the high bit set, as in UTF-8 text
        bytes[0] = 0x0b;
        if (at >= 0) {
          bytes[at + 1] = '\n';
          bytes[length] = '\n'; // a later one must not win
        }
        int expected = at < 0 ? -1 : at + 1;
        assertThat(LineSplitter.indexOfNewline(bytes, 1, length + 1)).as("length %d at %d", length, at).isEqualTo(expected);
      }
    }
  }
}
