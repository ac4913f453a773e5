package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class IpAddressFinderTest {

  @Test
  void findsExactlyWhatAWholeTextRegexSearchFinds() {
    IpAddressFinder finder = new IpAddressFinder();
    for (String text : FinderInputs.texts(30_000)) {
      Spans fast = new Spans();
      finder.find(text, fast, 0);

      assertThat(fast.toString()).as(text).isEqualTo(searchedEverywhere(text).toString());
    }
  }

  @Test
  void findsAddressesBetweenVersionsAndTimes() {
    Spans spans = new Spans();
    new IpAddressFinder().find("v1.2.3.4 at 12:30:45 from 10.1.2.3 and fe80::1%eth0 port 1.2", spans, 0);

    assertThat(spans.toString()).isEqualTo("[26-34:0, 39-51:0]");
  }

  private static Spans searchedEverywhere(String text) {
    Spans spans = new Spans();
    Matcher v4 = IpAddressFinder.IPV4.matcher(text);
    while (v4.find()) {
      spans.add(v4.start(), v4.end(), 0);
    }
    Matcher v6 = IpAddressFinder.IPV6.matcher(text);
    while (v6.find()) {
      if (IpAddressFinder.isAddress(text, v6.start(), v6.end())) {
        spans.add(v6.start(), v6.end(), 0);
      }
    }
    return spans;
  }
}
