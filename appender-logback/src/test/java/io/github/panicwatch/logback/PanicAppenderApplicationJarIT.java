package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.panicwatch.testing.ChildProcess;
import io.github.panicwatch.testing.ExecutableJar;
import io.github.panicwatch.testing.SentryReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A service started as {@code java -jar service.jar}: release and checksum come from that jar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PanicAppenderApplicationJarIT {
  private final SentryReceiver receiver = SentryReceiver.start();
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void aPanicOfAServiceRunFromItsJarCarriesTheJarsVersionAsReleaseAndItsChecksum() throws Exception {
    Path jar = ExecutableJar.write(dir.resolve("service.jar"), PanickingChild.class, "5.6.7", ExecutableJar.testClassPath());
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dpw.dsn=" + receiver.dsn(), "-Dpw.cacheDir=" + dir.resolve("cache"), "-jar", jar.toString(), "panic");

    try (ChildProcess child = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true))) {
      ChildProcess.Exit exit = child.awaitExit(Duration.ofSeconds(60));
      assertThat(exit.code()).as("output %s", exit.stdoutText()).isZero();
    }

    JsonNode event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
    assertThat(event.path("release").asText()).isEqualTo("5.6.7");
    assertThat(event.path("environment").asText()).isEqualTo("prod-oss");
    assertThat(event.at("/tags/checksum").asText()).isEqualTo(ExecutableJar.sha256(jar));
  }
}
