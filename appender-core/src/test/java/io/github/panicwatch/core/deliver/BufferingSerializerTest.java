package io.github.panicwatch.core.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferingSerializerTest {

  @Test
  void writesTheSameJsonAsTheSdkSerializer() throws IOException {
    JsonSerializer sdk = new JsonSerializer(new SentryOptions());
    SentryEvent event = new SentryEvent(new IllegalStateException("gone \"quoted\" \u00e9\n", new IOException("io")));
    Breadcrumb crumb = new Breadcrumb(new Date(1_700_000_000_000L));
    crumb.setMessage("line with \\ and \t and \u2028");
    crumb.setData("mdc", Map.of("tenant", "acme"));
    event.addBreadcrumb(crumb);

    StringWriter direct = new StringWriter();
    sdk.serialize(event, direct);
    StringWriter buffered = new StringWriter();
    new BufferingSerializer(sdk).serialize(event, buffered);

    assertThat(buffered.toString()).isEqualTo(direct.toString()).contains("acme");
  }
}
