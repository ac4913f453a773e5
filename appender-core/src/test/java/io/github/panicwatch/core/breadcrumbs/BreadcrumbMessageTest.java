package io.github.panicwatch.core.breadcrumbs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BreadcrumbMessageTest {
  private static final int KEPT = BreadcrumbMessage.MAX_LENGTH - BreadcrumbMessage.CUT_MARK.length();

  @Test
  void aMessageThatFitsIsTheSameInstance() {
    String message = "a".repeat(BreadcrumbMessage.MAX_LENGTH);
    assertThat(BreadcrumbMessage.cut(message)).isSameAs(message);
    assertThat(BreadcrumbMessage.cut((String) null)).isNull();
  }

  @Test
  void aLongerMessageKeepsItsWholeWordsAndTheMarkWithinTheCap() {
    String words = "word ".repeat(400); // the cut falls inside a word
    String expected = words.substring(0, KEPT - KEPT % 5) + "…[truncated]";
    assertThat(BreadcrumbMessage.cut(words)).isEqualTo(expected).hasSizeLessThanOrEqualTo(BreadcrumbMessage.MAX_LENGTH);
    assertThat(cutInPlace(words)).isEqualTo(expected);
    // the first character cut ends a word: everything before it stays
    String exact = "b".repeat(KEPT) + " tail".repeat(10);
    assertThat(BreadcrumbMessage.cut(exact)).isEqualTo("b".repeat(KEPT) + "…[truncated]");
  }

  @Test
  void aTokenTheCutWouldSplitGoesWholeNotItsFirstHalf() {
    String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0".repeat(2);
    String message = "x".repeat(KEPT - 10) + " token=" + token + " after";
    String expected = "x".repeat(KEPT - 10) + " …[truncated]";
    assertThat(BreadcrumbMessage.cut(message)).isEqualTo(expected);
    assertThat(cutInPlace(message)).isEqualTo(expected);
    // a word longer than everything kept: nothing of it stays (one long token, a JWT, a blob)
    assertThat(BreadcrumbMessage.cut("eyJ" + "c".repeat(5000))).isEqualTo("…[truncated]");
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    // an emoji (two chars) straddling the cut goes with its word, not its first half
    String message = "d".repeat(KEPT - 11) + " " + "e".repeat(9) + "😀" + "e".repeat(100);
    assertThat(BreadcrumbMessage.cut(message)).isEqualTo("d".repeat(KEPT - 11) + " …[truncated]");
    assertThat(cutInPlace(message)).isEqualTo("d".repeat(KEPT - 11) + " …[truncated]");
  }

  private static String cutInPlace(String message) {
    StringBuilder text = new StringBuilder(message);
    BreadcrumbMessage.cut(text);
    return text.toString();
  }
}
