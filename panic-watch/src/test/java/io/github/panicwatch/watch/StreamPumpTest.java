package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.breadcrumbs.RecordedLine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamPumpTest {

  @Test
  void passesEveryByteThroughAndKeepsTheRightBreadcrumbsWhileItsBuffersAreReadIntoAgainAndAgain() throws Exception {
    List<String> reads = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      reads.add("line " + i + "\n"); // one read each: hundreds of buffers go round the pool
    }
    reads.add("Exception in thread \"main\" java.lang.IllegalStateException: gone\n\tat App.main(App.java:3)\n");
    for (int i = 0; i < 500; i++) {
      reads.add("after " + i + "\n"); // refill the buffers the breadcrumbs of the trace point into
    }
    reads.forEach(all::append);
    Queue<Finding> findings = new ConcurrentLinkedQueue<>();
    StreamScanner scanner =
        new StreamScanner(List.of(new UncaughtTraceDetector()), new StderrBreadcrumbs(5), true, findings::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    StreamPump pump = new StreamPump("stderr", new OneReadPerLine(reads), out, () -> scanner, new InfoOnlyStatus()).start();

    assertThat(pump.awaitScanned(20_000)).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(all.toString());
    assertThat(findings).singleElement().satisfies(finding -> assertThat(finding.breadcrumbs())
        .extracting(RecordedLine::message)
        .containsExactly("line 1995", "line 1996", "line 1997", "line 1998", "line 1999"));
  }

  /** A pipe as a slow writer makes it: each read returns one line. */
  private static final class OneReadPerLine extends InputStream {
    private final List<String> lines;
    private int next;

    OneReadPerLine(List<String> lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("the pump reads into its buffer");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (next == lines.size()) {
        return -1;
      }
      byte[] line = lines.get(next++).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(line, 0, buffer, offset, line.length);
      return line.length;
    }
  }
}
