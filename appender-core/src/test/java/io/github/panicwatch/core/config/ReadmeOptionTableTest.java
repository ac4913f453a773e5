package io.github.panicwatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.panicwatch.core.option.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's option table is what users read: it must name every declared option and element,
 * nothing else, with each option's declared default. A new declaration without its README line,
 * or a default changed on one side only, fails here (issue 14).
 */
class ReadmeOptionTableTest {
  /** The module's working directory is {@code appender-core/}; the README is the project's. */
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theOptionTableNamesEveryDeclaredOptionAndElementAndNothingElse() throws IOException {
    assertThat(optionRows().keySet()).containsExactlyInAnyOrderElementsOf(OptionTables.APPENDER.names());
  }

  @Test
  void eachOptionsDefaultInTheTableIsTheDeclaredOne() throws IOException {
    Map<String, String> rows = optionRows();
    for (Option<?> option : PanicwatchOptions.declared()) {
      assertThat(rows.get(option.name())).as(option.name()).isEqualTo(option.documentedDefault());
    }
  }

  /** Option name to its Default cell, from the table under "## Options". */
  private static Map<String, String> optionRows() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int start = lines.indexOf("## Options");
    assertThat(start).as("## Options in " + README.toAbsolutePath()).isNotNegative();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\s*\\|\\s*");
        // cells: "", name, type, default, description
        rows.put(cells[1].replace("`", ""), cells[3]);
      }
    }
    return rows;
  }
}
