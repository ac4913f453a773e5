package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.User;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventScrubberTest {

  private static final String SECRET = "password=hunter2 from 10.1.2.3";

  private final EventScrubber eventScrubber =
      new EventScrubber(Scrubber.compile(new ScrubOptions()));

  @Test
  void noFieldOfTheSerialisedEventKeepsTheSecretOrTheIpAddress() throws Exception {
    SentryEvent event = eventWithASecretInEveryField();

    SentryEvent scrubbed = eventScrubber.scrub(event);

    assertThat(scrubbed).isSameAs(event);
    String json = serialise(scrubbed);
    assertThat(json).doesNotContain("hunter2").doesNotContain("10.1.2.3").contains("[Filtered]");
  }

  @Test
  void theSecretIsInTheSerialisedEventBeforeScrubbing() throws Exception {
    // proves the test event above really carries the secret in the serialised form
    String json = serialise(eventWithASecretInEveryField());

    assertThat(json).contains("hunter2").contains("10.1.2.3");
  }

  @Test
  void aSensitiveTagKeepsItsKeyAndLosesItsValue() {
    SentryEvent event = new SentryEvent();
    event.setTag("db_password", "plain");
    event.setTag("region", "eu 10.1.2.3");

    eventScrubber.scrub(event);

    assertThat(event.getTags())
        .containsEntry("db_password", "[Filtered]")
        .containsEntry("region", "eu [Filtered]");
  }

  @Test
  void theUserLosesItsIpAddressAndKeepsItsScrubbedId() {
    SentryEvent event = new SentryEvent();
    User user = new User();
    user.setId("42");
    user.setIpAddress("10.1.2.3");
    event.setUser(user);

    eventScrubber.scrub(event);

    assertThat(event.getUser().getIpAddress()).isNull();
    assertThat(event.getUser().getId()).isEqualTo("42");
  }

  @Test
  void aContextThatThrowsBecomesTheReplacementAndTheOtherFieldsAreStillScrubbed()
      throws Exception {
    SentryEvent event = new SentryEvent();
    event.getContexts().put("broken", new ThrowingMap());
    event.getContexts().put("fine", new LinkedHashMap<>(Map.of("note", SECRET)));
    event.setExtra("job", SECRET);

    eventScrubber.scrub(event);

    assertThat(event.getContexts().get("broken")).isEqualTo("[Filtered]");
    assertThat(event.getContexts().get("fine"))
        .isEqualTo(Map.of("note", "password=[Filtered] from [Filtered]"));
    assertThat(event.getExtra("job")).isEqualTo("password=[Filtered] from [Filtered]");
    assertThat(serialise(event)).doesNotContain("hunter2");
  }

  @Test
  void aBreadcrumbThatThrowsBecomesAStubAndTheOthersAreScrubbed() {
    SentryEvent event = new SentryEvent();
    Breadcrumb broken = new Breadcrumb();
    broken.setData("payload", new ThrowingMap());
    Breadcrumb fine = new Breadcrumb();
    fine.setMessage(SECRET);
    event.setBreadcrumbs(List.of(broken, fine));

    eventScrubber.scrub(event);

    assertThat(event.getBreadcrumbs())
        .extracting(Breadcrumb::getMessage)
        .containsExactly("[Filtered]", "password=[Filtered] from [Filtered]");
    assertThat(event.getBreadcrumbs().get(0).getData()).isEmpty();
  }

  @Test
  void anObjectTheSdkWouldSerialiseByReflectionBecomesScrubbedText() {
    SentryEvent event = new SentryEvent();
    event.setExtra("creds", new Object() {
      @Override
      public String toString() {
        return "Creds{password=hunter2}";
      }
    });
    event.setExtra("pin", "1234".toCharArray());

    eventScrubber.scrub(event);

    assertThat(event.getExtra("creds")).isEqualTo("Creds{password=[Filtered]}");
    assertThat(event.getExtra("pin")).isEqualTo("1234");
  }

  @Test
  void aRemoveRuleDropsSensitiveEntriesFromMapsTagsAndExtras() {
    ScrubOptions options = new ScrubOptions();
    options.setReplacement("remove");
    EventScrubber removing = new EventScrubber(Scrubber.compile(options));
    SentryEvent event = new SentryEvent();
    event.setTag("db_password", "plain");
    event.setTag("region", "");
    event.setExtra("api_key", "k");
    event.getContexts().put("MDC", new LinkedHashMap<>(Map.of("session_id", "s", "user", "bob")));

    removing.scrub(event);

    assertThat(event.getTags()).containsOnlyKeys("region");
    assertThat(event.getExtras()).doesNotContainKey("api_key");
    assertThat(event.getContexts().get("MDC")).isEqualTo(Map.of("user", "bob"));
  }

  @Test
  void breadcrumbCategoriesThatIsLoggerNamesAndFramePathsAreScrubbed() {
    SentryEvent event = new SentryEvent();
    Breadcrumb breadcrumb = new Breadcrumb();
    breadcrumb.setCategory("audit bob@example.com");
    event.setBreadcrumbs(List.of(breadcrumb));
    SentryException exception = new SentryException();
    io.sentry.protocol.SentryStackTrace trace = new io.sentry.protocol.SentryStackTrace();
    io.sentry.protocol.SentryStackFrame frame = new io.sentry.protocol.SentryStackFrame();
    frame.setAbsPath("/home/alice/src/App.java");
    trace.setFrames(List.of(frame));
    exception.setStacktrace(trace);
    event.setExceptions(List.of(exception));

    eventScrubber.scrub(event);

    assertThat(event.getBreadcrumbs().get(0).getCategory()).isEqualTo("audit [Filtered]");
    assertThat(frame.getAbsPath()).isEqualTo("/home/[Filtered]/src/App.java");
  }

  @Test
  void nullEventStaysNull() {
    assertThat(eventScrubber.scrub(null)).isNull();
  }

  private static SentryEvent eventWithASecretInEveryField() {
    SentryEvent event = new SentryEvent();
    Message message = new Message();
    message.setFormatted(SECRET);
    message.setMessage("login {}");
    message.setParams(List.of(SECRET));
    event.setMessage(message);
    event.setLogger("com.example." + SECRET);

    SentryException exception = new SentryException();
    exception.setType("IllegalStateException");
    exception.setValue(SECRET);
    event.setExceptions(List.of(exception));

    Breadcrumb breadcrumb = new Breadcrumb();
    breadcrumb.setMessage(SECRET);
    breadcrumb.setData("password", "hunter2");
    breadcrumb.setData("peer", "10.1.2.3");
    breadcrumb.setData("nested", Map.of("list", List.of(SECRET)));
    event.setBreadcrumbs(List.of(breadcrumb));

    event.getContexts().put("job", new LinkedHashMap<>(Map.of("args", SECRET, "secret", "hunter2")));
    event.setTag("password", "hunter2");
    event.setTag("peer", "10.1.2.3");
    event.setExtra("config", Map.of("db", Map.of("password", "hunter2"), "host", "10.1.2.3"));
    event.setExtra("argv", new String[] {"--password", "hunter2", "10.1.2.3"});

    SentryThread thread = new SentryThread();
    thread.setName("worker " + SECRET);
    event.setThreads(List.of(thread));
    event.setServerName("10.1.2.3");
    event.setTransaction("POST /login?" + SECRET.replace(' ', '&'));
    event.setFingerprints(List.of(SECRET));

    User user = new User();
    user.setId("42");
    user.setUsername(SECRET);
    user.setIpAddress("10.1.2.3");
    user.setData(Map.of("password", "hunter2", "last_ip", "10.1.2.3"));
    event.setUser(user);

    Request request = new Request();
    request.setUrl("https://admin:hunter2@example.com/login?api_key=hunter2");
    request.setQueryString("password=hunter2&ip=10.1.2.3");
    request.setHeaders(
        Map.of("Authorization", "Basic hunter2", "Cookie", "session=hunter2",
            "X-Forwarded-For", "10.1.2.3"));
    request.setCookies("session=hunter2");
    request.setData(Map.of("password", "hunter2", "client", "10.1.2.3"));
    event.setRequest(request);
    return event;
  }

  @Test
  void aTextRepeatedOnManyBreadcrumbsIsScrubbedOnEachAndCleanDataStaysAsItWas() {
    SentryEvent event = new SentryEvent();
    for (int i = 0; i < 3; i++) {
      Breadcrumb crumb = new Breadcrumb();
      crumb.setMessage(new String(SECRET)); // equal texts, distinct instances
      crumb.setCategory("com.example.Orders");
      crumb.setData("MDC", new LinkedHashMap<>(Map.of("tenant", "acme", "token", "t0k3n-" + i)));
      crumb.setData("thread", "worker-1");
      event.addBreadcrumb(crumb);
    }

    eventScrubber.scrub(event);

    assertThat(event.getBreadcrumbs())
        .hasSize(3)
        .allSatisfy(
            crumb -> {
              assertThat(crumb.getMessage()).isEqualTo("password=[Filtered] from [Filtered]");
              assertThat(crumb.getCategory()).isEqualTo("com.example.Orders");
              assertThat(crumb.getData())
                  .containsEntry("thread", "worker-1")
                  .containsEntry("MDC", Map.of("tenant", "acme", "token", "[Filtered]"));
            });
  }

  @Test
  void aMapChangedInTheMiddleKeepsItsOtherEntriesInOrderAndACleanMapIsTheSameInstance() {
    Map<String, Object> mixed = new LinkedHashMap<>();
    mixed.put("route", "/v1/orders");
    mixed.put("client", "10.1.2.3");
    mixed.put("api_key", "k-123");
    mixed.put("tenant", "acme");
    Map<String, Object> clean = new LinkedHashMap<>(Map.of("tenant", "acme"));
    SentryEvent event = new SentryEvent();
    event.setExtra("mixed", mixed);
    event.setExtra("clean", clean);

    eventScrubber.scrub(event);

    @SuppressWarnings("unchecked")
    Map<String, Object> scrubbed = (Map<String, Object>) event.getExtra("mixed");
    assertThat(scrubbed)
        .containsExactly(
            Map.entry("route", "/v1/orders"),
            Map.entry("client", "[Filtered]"),
            Map.entry("api_key", "[Filtered]"),
            Map.entry("tenant", "acme"));
    assertThat(mixed).containsEntry("client", "10.1.2.3"); // the original is not written to
    assertThat(event.getExtra("clean")).isSameAs(clean);
  }

  private static String serialise(SentryEvent event) throws Exception {
    StringWriter writer = new StringWriter();
    new JsonSerializer(new SentryOptions()).serialize(event, writer);
    return writer.toString();
  }

  /** A map that fails as soon as anyone looks inside, as a broken user type might. */
  private static final class ThrowingMap extends AbstractMap<String, Object> {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      throw new IllegalStateException("broken map");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("broken map");
    }
  }
}
