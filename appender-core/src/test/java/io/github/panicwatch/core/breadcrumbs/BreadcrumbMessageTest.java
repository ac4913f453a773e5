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
  void aLongerMessageKeepsItsStartAndTheMarkWithinTheCap() {
    String message = "b".repeat(KEPT) + "tail that goes" + "c".repeat(5000);
    assertThat(BreadcrumbMessage.cut(message)).isEqualTo("b".repeat(KEPT) + "…[truncated]");
    StringBuilder text = new StringBuilder(message);
    BreadcrumbMessage.cut(text);
    assertThat(text.toString()).isEqualTo("b".repeat(KEPT) + "…[truncated]");
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    // an emoji (two chars) straddling the cut: it goes whole, not its first half
    String message = "d".repeat(KEPT - 1) + "😀" + "e".repeat(100);
    assertThat(BreadcrumbMessage.cut(message)).isEqualTo("d".repeat(KEPT - 1) + "…[truncated]");
    StringBuilder text = new StringBuilder(message);
    BreadcrumbMessage.cut(text);
    assertThat(text.toString()).isEqualTo("d".repeat(KEPT - 1) + "…[truncated]");
  }
}
