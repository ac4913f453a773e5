package io.github.panicwatch.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IbanFinderTest {

  // Lengths from the SWIFT IBAN registry (and the countries in use outside it), typed in again
  // here as the registry prints them, apart from the finder's table.
  private static final String LENGTHS =
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
          + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21"
          + " HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27"
          + " MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24"
          + " RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22"
          + " VG24 XK20 YE30 AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 IR26 KM27"
          + " MA28 MG27 ML28 MZ25 NE28 SN28 TD27 TG28";

  @Test
  void findsExactlyTheIbansThatAnIndependentCheckAccepts() {
    Map<String, Integer> lengths = new HashMap<>();
    for (String entry : LENGTHS.split(" ")) {
      lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
    IbanFinder finder = new IbanFinder();
    int found = 0;
    for (String text : FinderInputs.numberTexts(30_000)) {
      Spans fast = new Spans();
      finder.find(text, fast, 0);
      Spans oracle = oracle(text, lengths);
      found += oracle.size();

      assertThat(fast.toString()).as(text).isEqualTo(oracle.toString());
    }
    assertThat(found).isGreaterThan(2_000);
  }

  @Test
  void theCheckDigitsAndTheCountrysLengthDecide() {
    Spans spans = new Spans();
    new IbanFinder()
        .find("DE89370400440532013000 DE89370400440532013001 DE8937040044053201300 GB29 NWBK 6016 1331 9268 19", spans, 0);

    assertThat(spans.toString()).isEqualTo("[0-22:0, 68-95:0]");
  }

  /** Each start, the country's length read compact or grouped by fours, and mod 97 by BigInteger. */
  private static Spans oracle(String text, Map<String, Integer> lengths) {
    Spans spans = new Spans();
    int i = 0;
    while (i + 4 <= text.length()) {
      String head = text.substring(i, i + 4);
      Integer length = lengths.get(head.substring(0, 2));
      int end = -1;
      if (head.matches("[A-Z]{2}[0-9]{2}") && standsAlone(text, i - 1, i - 2) && length != null) {
        boolean grouped = i + 4 < text.length() && text.charAt(i + 4) == ' ';
        StringBuilder iban = new StringBuilder();
        int k = i;
        while (iban.length() < length && k < text.length()) {
          if (grouped && iban.length() > 0 && iban.length() % 4 == 0) {
            if (text.charAt(k) != ' ') {
              break;
            }
            k++;
            if (k >= text.length()) {
              break;
            }
          }
          char c = text.charAt(k);
          if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
            break;
          }
          iban.append(c);
          k++;
        }
        if (iban.length() == length && standsAlone(text, k, k + 1) && checksumHolds(iban.toString())) {
          end = k;
        }
      }
      if (end > 0) {
        spans.add(i, end, 0);
        i = end;
      } else {
        i++;
      }
    }
    return spans;
  }

  /** No letter, digit or _ at {@code at}, nor a . - / : there with one at {@code beyond}. */
  private static boolean standsAlone(String text, int at, int beyond) {
    if (at < 0 || at >= text.length()) {
      return true;
    }
    char c = text.charAt(at);
    boolean joiner = ".-/:".indexOf(c) >= 0 && beyond >= 0 && beyond < text.length()
        && Character.isLetterOrDigit(text.charAt(beyond));
    return !Character.isLetterOrDigit(c) && c != '_' && !joiner;
  }

  private static boolean checksumHolds(String iban) {
    String moved = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : moved.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}
