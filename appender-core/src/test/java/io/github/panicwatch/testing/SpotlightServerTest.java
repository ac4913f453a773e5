package io.github.panicwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotlightServerTest {

  @TempDir
  Path repo;

  @Test
  void findsTestingSpotlightFromAModuleDirectory() throws Exception {
    Path home = Files.createDirectories(repo.resolve("testing/spotlight/node_modules/@spotlightjs"))
        .getParent().getParent();
    Files.writeString(home.resolve("server.mjs"), "");
    Path module = Files.createDirectories(repo.resolve("appender-logback"));

    assertThat(SpotlightServer.spotlightHome(module)).isEqualTo(home);
  }

  @Test
  void failsWithTheInstallCommandWhenNodeModulesIsMissing() throws Exception {
    Path home = Files.createDirectories(repo.resolve("testing/spotlight"));
    Files.writeString(home.resolve("server.mjs"), "");
    Path module = Files.createDirectories(repo.resolve("appender-core"));

    assertThatThrownBy(() -> SpotlightServer.spotlightHome(module))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("npm ci --prefix testing/spotlight");
  }
}
