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
  void everyProviderTokenGoesFromEveryFieldAnEventCarriesIt() {
    for (TokenSamples.Sample sample : TokenSamples.all()) {
      String text = "call failed: " + sample.token();
      String expected = "call failed: " + sample.scrubbed();
      SentryEvent event = new SentryEvent();
      Message message = new Message();
      message.setFormatted(text);
      event.setMessage(message);
      SentryException exception = new SentryException();
      exception.setValue(text);
      event.setExceptions(List.of(exception));
      Breadcrumb breadcrumb = new Breadcrumb();
      breadcrumb.setMessage(text);
      breadcrumb.setData("upstream", text);
      event.setBreadcrumbs(List.of(breadcrumb));
      event.getContexts().put("MDC", new LinkedHashMap<>(Map.of("upstream", text)));
      event.setTag("upstream", text);
      event.setExtra("upstream", text);

      eventScrubber.scrub(event);

      assertThat(List.of(
              event.getMessage().getFormatted(),
              event.getExceptions().get(0).getValue(),
              event.getBreadcrumbs().get(0).getMessage(),
              event.getBreadcrumbs().get(0).getData("upstream"),
              ((Map<?, ?>) event.getContexts().get("MDC")).get("upstream"),
              event.getTag("upstream"),
              event.getExtra("upstream")))
          .as(sample.toString())
          .containsOnly(expected);
    }
  }

  @Test
  void aPairWhoseValueNamesASecretLosesTheWholeValueAsInRelay() {
    SentryEvent event = new SentryEvent();
    Map<String, Object> mdc = new LinkedHashMap<>();
    mdc.put("note", "db password hunter2");
    mdc.put("cmd", "login --api-key k3y");
    mdc.put("header", "X-Auth-Token: abc123");
    mdc.put("userPassword", "s3cret"); // the key itself
    mdc.put("field", "the userPassword was reset");
    event.getContexts().put("MDC", mdc);
    event.setTag("hint", "OAuth login for bob");
    event.setExtra("cause", "invalid credentials");

    eventScrubber.scrub(event);

    assertThat((Map<?, ?>) event.getContexts().get("MDC")).allSatisfy((key, value) -> assertThat(value).isEqualTo("[Filtered]"));
    assertThat(event.getTag("hint")).isEqualTo("[Filtered]");
    assertThat(event.getExtra("cause")).isEqualTo("[Filtered]");
  }

  @Test
  void aValueNamingASecretGoesFromEveryBreadcrumbThatCarriesIt() {
    SentryEvent event = new SentryEvent();
    List<Breadcrumb> breadcrumbs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Breadcrumb breadcrumb = new Breadcrumb();
      breadcrumb.setData("note", new String("db password hunter2")); // equal values, one check per event
      breadcrumb.setData("thread", "worker-" + (i % 2));
      breadcrumbs.add(breadcrumb);
    }
    event.setBreadcrumbs(breadcrumbs);

    eventScrubber.scrub(event);

    assertThat(event.getBreadcrumbs()).allSatisfy(crumb -> assertThat(crumb.getData("note")).isEqualTo("[Filtered]"));
    assertThat(event.getBreadcrumbs()).extracting(crumb -> crumb.getData("thread")).containsExactly("worker-0", "worker-1", "worker-0");
  }

  @Test
  void aPairWhoseValueIsCodeOrOnlyMentionsAWordInPassingKeepsItsValue() {
    SentryEvent event = new SentryEvent();
    Map<String, Object> mdc = new LinkedHashMap<>();
    mdc.put("logger", "com.example.auth.TokenService");
    mdc.put("filter", "AuthFilter");
    mdc.put("thread", "TokenRefresher-1");
    mdc.put("route", "/api/auth/login");
    mdc.put("next", "/api/tokens/refresh");
    mdc.put("call", "getPassword()");
    mdc.put("owner", "author of the patch");
    mdc.put("flag", "passwordless login");
    mdc.put("state", "token expired"); // Relay's rule: token counts only before : or =
    mdc.put("excerpt", "line one\npassword check failed\nline three"); // text, not a value
    event.getContexts().put("MDC", new LinkedHashMap<>(mdc));

    eventScrubber.scrub(event);

    assertThat(event.getContexts().get("MDC")).isEqualTo(mdc);
  }

  @Test
  void aPairWhoseValueNamesASecretKeepsItWhenTheDefaultKeysAreOff() {
    ScrubOptions options = new ScrubOptions();
    options.addDisable("keys");
    SentryEvent event = new SentryEvent();
    event.setTag("note", "db password hunter2");

    new EventScrubber(Scrubber.compile(options)).scrub(event);

    assertThat(event.getTag("note")).isEqualTo("db password hunter2");
  }

  @Test
  void valuesSentryNeverReplacesStayUnderSensitiveKeys() {
    SentryEvent event = new SentryEvent();
    event.setTag("password_set", "false");
    event.setTag("api_key", "");
    event.setExtra("secret_rotated", Boolean.TRUE);
    event.setExtra("auth_token", "undefined");
    Map<String, Object> mdc = new LinkedHashMap<>();
    mdc.put("session_id", "null");
    mdc.put("token", "true");
    mdc.put("password", "False"); // only the exact words: this could be a password
    event.getContexts().put("MDC", mdc);

    eventScrubber.scrub(event);

    assertThat(event.getTags()).containsEntry("password_set", "false").containsEntry("api_key", "");
    assertThat(event.getExtra("secret_rotated")).isEqualTo(Boolean.TRUE);
    assertThat(event.getExtra("auth_token")).isEqualTo("undefined");
    assertThat(event.getContexts().get("MDC"))
        .isEqualTo(Map.of("session_id", "null", "token", "true", "password", "[Filtered]"));
  }

  @Test
  void aContextThatThrowsBecomesTheReplacementAndTheOtherFieldsAreStillScrubbed()
      throws Exception {
    SentryEvent event = new SentryEvent();
    event.getContexts().put("broken", new ThrowingMap());
    event.getContexts().put("fine", new LinkedHashMap<>(Map.of("note", "mail bob@example.com from 10.1.2.3")));
    event.setExtra("job", SECRET);

    eventScrubber.scrub(event);

    assertThat(event.getContexts().get("broken")).isEqualTo("[Filtered]");
    assertThat(event.getContexts().get("fine")).isEqualTo(Map.of("note", "mail [Filtered] from [Filtered]"));
    assertThat(event.getExtra("job")).isEqualTo("[Filtered]"); // a value naming a password goes whole
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
