package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressFinderTest {

  @Test
  void findsExactlyWhatAHandWrittenAddressParserFinds() {
    IpAddressFinder finder = new IpAddressFinder();
    int found = 0;
    List<String> texts = new ArrayList<>(FinderInputs.addressTexts(30_000));
    texts.addAll(FinderInputs.texts(10_000));
    for (String text : texts) {
      Spans fast = new Spans();
      finder.find(text, fast, 0);
      Spans parsed = AddressParser.spans(text);
      found += parsed.isEmpty() ? 0 : 1;

      assertThat(fast.toString()).as(text).isEqualTo(parsed.toString());
    }
    assertThat(found).as("texts with an address").isGreaterThan(2_000);
  }

  @Test
  void findsAddressesBetweenVersionsAndTimes() {
    Spans spans = new Spans();
    new IpAddressFinder().find("v1.2.3.4 at 12:30:45 from 10.1.2.3 and fe80::1%eth0 port 1.2", spans, 0);

    assertThat(spans.toString()).isEqualTo("[26-34:0, 39-51:0]");
  }

  @Test
  void theParserItselfKnowsTheShapesOfAddresses() {
    assertThat(AddressParser.spans("a 10.1.2.3. b").toString()).isEqualTo("[2-10:0]");
    assertThat(AddressParser.spans("1.2.3.4.5 01.2.3.4 1.2.3.256").toString()).isEqualTo("[]");
    assertThat(AddressParser.spans("::1 fe80::1%eth0 ::ffff:10.1.2.3").toString())
        .isEqualTo("[0-3:0, 4-16:0, 17-32:0, 24-32:0]");
    assertThat(AddressParser.spans("1:2:3:4:5:6:7:8 1:2:3:4:5:6:7:8:9 1::2::3").toString()).isEqualTo("[0-15:0]");
    assertThat(AddressParser.spans("dead::beef Feed::add a::b std::vector").toString()).isEqualTo("[0-10:0]");
  }

  /**
   * The oracle: addresses parsed by hand from the standards' shapes (RFC 4291 text forms; IPv4
   * dotted quads without leading zeros), with the finder's documented boundaries, no regex.
   */
  static final class AddressParser {
    private AddressParser() {}

    static Spans spans(String text) {
      Spans spans = new Spans();
      int resume = 0;
      for (int i = 0; i < text.length(); i++) {
        int end = i >= resume ? ipv4At(text, i) : -1;
        if (end > 0) {
          spans.add(i, end, 0);
          resume = end;
        }
      }
      resume = 0;
      for (int i = 0; i < text.length(); i++) {
        if (i < resume) {
          continue;
        }
        long match = ipv6At(text, i);
        if (match >= 0) {
          int end = (int) (match >>> 1);
          if ((match & 1) == 1) {
            spans.add(i, end, 0);
          }
          resume = end;
        }
      }
      return spans;
    }

    /** The end of a dotted quad starting at i, or -1. */
    private static int ipv4At(String text, int i) {
      if (!isDigit(text.charAt(i)) || (i > 0 && (isWord(text.charAt(i - 1)) || text.charAt(i - 1) == '.'))) {
        return -1;
      }
      int k = i;
      for (int octet = 0; octet < 4; octet++) {
        if (octet > 0) {
          if (k >= text.length() || text.charAt(k) != '.') {
            return -1;
          }
          k++;
        }
        int start = k;
        while (k < text.length() && isDigit(text.charAt(k))) {
          k++;
        }
        String digits = text.substring(start, k);
        if (digits.isEmpty() || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')
            || Integer.parseInt(digits) > 255) {
          return -1;
        }
      }
      // what follows: not a word char, and not a dot before a word char (a fifth number, a version)
      boolean next = k < text.length() && isWord(text.charAt(k));
      boolean dotThenWord = k + 1 < text.length() && text.charAt(k) == '.' && isWord(text.charAt(k + 1));
      return next || dotThenWord ? -1 : k;
    }

    /** An IPv6 address starting at i: end << 1 | (1 if it is reported), or -1 for none. */
    private static long ipv6At(String text, int i) {
      char first = text.charAt(i);
      if (!(isHex(first) || first == ':') || (i > 0 && (isWord(text.charAt(i - 1)) || text.charAt(i - 1) == ':'))) {
        return -1;
      }
      int x = i;
      while (x < text.length() && (isHex(text.charAt(x)) || text.charAt(x) == ':' || text.charAt(x) == '.')) {
        x++;
      }
      if (x < text.length() && isWord(text.charAt(x))) {
        return -1;
      }
      String address = text.substring(i, x);
      if (!isIpv6(address)) {
        return -1;
      }
      int end = x;
      if (x < text.length() && text.charAt(x) == '%') {
        int z = x + 1;
        while (z < text.length() && (isWord(text.charAt(z)) || ".~-".indexOf(text.charAt(z)) >= 0)) {
          z++;
        }
        if (z > x + 1 && (z == text.length() || text.charAt(z) != ':')) {
          end = z;
        }
      }
      return ((long) end << 1) | (looksLikeAnAddress(address) ? 1 : 0);
    }

    private static boolean isIpv6(String address) {
      int lastColon = address.lastIndexOf(':');
      if (address.indexOf('.') >= 0) {
        // colon-separated units (each empty or a hextet), two to seven, then a dotted quad
        String quad = address.substring(lastColon + 1);
        String[] units = address.substring(0, lastColon + 1).split(":", -1);
        int count = units.length - 1;
        for (int u = 0; u < count; u++) {
          if (!units[u].isEmpty() && !isHextet(units[u])) {
            return false;
          }
        }
        return count >= 2 && count <= 7 && ipv4At(quad + " ", 0) == quad.length();
      }
      int gap = address.indexOf("::");
      if (gap < 0) {
        String[] groups = address.split(":", -1);
        return groups.length == 8 && allHextets(groups);
      }
      if (address.indexOf("::", gap + 1) >= 0) {
        return false;
      }
      String left = address.substring(0, gap);
      String right = address.substring(gap + 2);
      String[] l = left.isEmpty() ? new String[0] : left.split(":", -1);
      String[] r = right.isEmpty() ? new String[0] : right.split(":", -1);
      return allHextets(l) && allHextets(r) && l.length + r.length >= 1 && l.length + r.length <= 7;
    }

    /** The finder's rule for a name like dead::beef: a digit, or two full hextets in one case. */
    private static boolean looksLikeAnAddress(String address) {
      if (address.chars().anyMatch(AddressParser::isDigitInt)) {
        return true;
      }
      long full = java.util.Arrays.stream(address.split(":")).filter(g -> g.length() == 4).count();
      boolean mixed = !address.equals(address.toLowerCase()) && !address.equals(address.toUpperCase());
      return full >= 2 && !mixed;
    }

    private static boolean allHextets(String[] groups) {
      for (String group : groups) {
        if (!isHextet(group)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isHextet(String group) {
      return !group.isEmpty() && group.length() <= 4 && group.chars().allMatch(c -> isHex((char) c));
    }

    private static boolean isDigitInt(int c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
      return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWord(char c) {
      return Character.isLetterOrDigit(c) && c < 128 || c == '_';
    }
  }
}
