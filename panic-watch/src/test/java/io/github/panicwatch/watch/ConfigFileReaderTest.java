package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileReaderTest {
  private final ConfigFileReader reader = new ConfigFileReader(Map.<String, String>of()::get, Map.<String, String>of()::get);

  @Test
  void readsALogbackXmlByItsLowerCaseConfigurationRoot() throws URISyntaxException {
    assertThat(reader.read(resource("LogbackConfigReaderTest-full.xml"), null).options().release()).isEqualTo("3.1.0");
  }

  @Test
  void readsALog4j2XmlByItsCapitalisedConfigurationRoot() throws URISyntaxException {
    assertThat(reader.read(resource("Log4j2ConfigReaderTest-full.xml"), "SECOND").options().release()).isEqualTo("second");
  }

  @Test
  void readsALowerCaseLog4j2XmlByItsAppendersElement(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(
        dir.resolve("log4j2.xml"), "<configuration><Appenders><Panicwatch name=\"P\" release=\"9\"/></Appenders></configuration>");

    assertThat(reader.read(file, null).options().release()).isEqualTo("9");
  }

  @Test
  void aFileThatIsNoXmlIsUnusable(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("log4j2.properties"), "appender.panic.type = Panicwatch");

    AppenderSettings settings = reader.read(file, null);

    assertThat(settings.found()).isFalse();
    assertThat(settings.problems()).singleElement().asString().startsWith("Cannot read " + file + ": ");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfigFileReaderTest.class.getResource(name).toURI());
  }
}
