package io.github.panicwatch.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.panicwatch.core.select.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a breadcrumb's message is formatted (README "Breadcrumbs"): at the panic by default, at the
 * log call with {@code eagerFormatting}. Told apart by a mutable argument changed after its call.
 */
class PanicAppenderFormattingTest {
  @TempDir Path dir;
  private final LogbackHarness harness = new LogbackHarness();

  @AfterEach
  void tearDown() {
    harness.stop();
  }

  /** The breadcrumb of {@code cart {}} logged with ["apple"], after "pear" was added to the list. */
  private String breadcrumbOfACartChangedAfterItsLogCall(Map<String, String> options) throws Exception {
    Path outbox = dir.resolve("outbox.jsonl");
    Map<String, String> all = new LinkedHashMap<>(options);
    all.put("outbox", outbox.toString());
    all.put("captureUncaught", "false");
    harness.start(all, Map.of());
    List<String> cart = new ArrayList<>(List.of("apple"));
    harness.log("app.cart", Severity.INFO, null, "cart {}", cart);
    cart.add("pear");
    harness.log("app.cart", Severity.ERROR, "FATAL", "checkout failed");
    harness.stop();

    List<String> lines = Files.readAllLines(outbox, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    return event.path("breadcrumbs").get(0).path("message").asText();
  }

  @Test
  void byDefaultABreadcrumbIsFormattedAtThePanicAndShowsAMutableArgumentsLaterValue() throws Exception {
    assertThat(breadcrumbOfACartChangedAfterItsLogCall(Map.of())).isEqualTo("cart [apple, pear]");
  }

  @Test
  void eagerFormattingFormatsABreadcrumbAtItsLogCall() throws Exception {
    assertThat(breadcrumbOfACartChangedAfterItsLogCall(Map.of("eagerFormatting", "true"))).isEqualTo("cart [apple]");
  }
}
