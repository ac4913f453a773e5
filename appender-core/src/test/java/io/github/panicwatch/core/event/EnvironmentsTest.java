package io.github.panicwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentsTest {

  @ParameterizedTest(name = "release [{0}] with edition {1} is {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "2.4.1, oss, prod-oss",
        "v24.0.5, enterprise, prod-enterprise",
        "NULL, oss, dev-oss",
        "'', oss, dev-oss",
        "unknown, enterprise, dev-enterprise",
        "2.5.0-SNAPSHOT, oss, dev-oss",
        "v2.4.1-14-g3f2a1bc, oss, dev-oss",
        "v2.4.1-14-g3f2a1bc9d-dirty, oss, dev-oss",
        "2.4.1-rc1, oss, prod-oss",
        "release-g12, oss, prod-oss",
      })
  void environmentIsDerivedFromReleaseAndEdition(String release, String edition, String expected) {
    assertThat(Environments.derive(release, edition)).isEqualTo(expected);
  }
}
