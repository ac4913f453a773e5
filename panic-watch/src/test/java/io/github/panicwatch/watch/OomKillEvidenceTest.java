package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OomKillEvidenceTest {
  @ParameterizedTest(name = "{0} bytes: {1}")
  @CsvSource({
    "0, 0 B", "1023, 1023 B", "1024, 1 KiB", "1536, 1.5 KiB", "536870912, 512 MiB", "536768512, 511.9 MiB",
    "1610612736, 1.5 GiB", "9223372036854775807, 8 EiB",
  })
  void writesBytesInBinaryUnitsWithOneDecimalWhereItSaysSomething(long bytes, String human) {
    assertThat(OomKillEvidence.human(bytes)).isEqualTo(human);
  }

  @Test
  void saysTheLimitAndThePeakAsFarAsTheyWereRead() {
    Path cgroup = Path.of("/sys/fs/cgroup");

    assertThat(new OomKillEvidence(cgroup, 0L, 1L, 536870912L, 536870912L, null).memory())
        .isEqualTo("memory limit 512 MiB, peak 512 MiB");
    assertThat(new OomKillEvidence(cgroup, 0L, 1L, null, null, null).memory()).isEqualTo("no memory limit");
  }
}
