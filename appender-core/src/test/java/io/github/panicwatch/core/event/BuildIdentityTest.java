package io.github.panicwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildIdentityTest {
  private static final String COMMIT = "3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3";

  @TempDir Path dir;

  private static GitProperties git(String text) throws IOException {
    return GitProperties.parse("test", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aConfiguredTagWinsOverGitsOfTheSameName() throws IOException {
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("service", "alpha");
    configured.put("branch", "release-7");

    BuildIdentity identity =
        BuildIdentity.resolve(
            "2.4.1", null, "oss", configured, null, git("git.commit.id=" + COMMIT + "\ngit.branch=main\n"));

    assertThat(identity.tags())
        .containsExactly(
            Map.entry("commit", COMMIT), Map.entry("branch", "release-7"), Map.entry("service", "alpha"));
  }

  @Test
  void withoutAFileOnlyTheConfiguredTagsRemain() throws IOException {
    BuildIdentity identity = BuildIdentity.resolve("2.4.1", null, "oss", Map.of("service", "alpha"), null, git(""));

    assertThat(identity.tags()).containsExactly(Map.entry("service", "alpha"));
  }

  @Test
  void theReleaseComesFromTheJarsManifestUnlessConfigured() throws IOException {
    ApplicationJar jar = ApplicationJar.of(jarWithVersion("2.4.1").toFile());

    BuildIdentity fromJar = BuildIdentity.resolve(null, null, "oss", Map.of(), jar, git(""));
    BuildIdentity configured = BuildIdentity.resolve("3.0.0-SNAPSHOT", null, "enterprise", Map.of(), jar, git(""));
    BuildIdentity nothing = BuildIdentity.resolve(null, "staging", "oss", Map.of(), null, git(""));

    assertThat(fromJar.release()).isEqualTo("2.4.1");
    assertThat(fromJar.environment()).isEqualTo("prod-oss");
    assertThat(configured.release()).isEqualTo("3.0.0-SNAPSHOT");
    assertThat(configured.environment()).isEqualTo("dev-enterprise");
    assertThat(nothing.release()).isEqualTo("unknown");
    assertThat(nothing.environment()).isEqualTo("staging");
  }

  private Path jarWithVersion(String version) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path file = dir.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
    return file;
  }
}
