package io.github.panicwatch.core.scrub;

import java.util.Map;

/**
 * International bank account numbers, Sentry's {@code @iban}: a country code, two check digits
 * and the account, compact ({@code DE89370400440532013000}) or in groups of four ({@code DE89 3704
 * 0044 0532 0130 00}), in capitals as banks print them. Better than Relay's pattern (any of its
 * country codes, then 13 to 31 letters or digits): the length must be the country's and the
 * ISO 13616 check (mod 97) must hold, so product codes and ids that merely start with two capitals
 * and two digits stay. Each candidate reads at most one IBAN's length ahead.
 */
final class IbanFinder implements ValueFinder {
  // Lengths by country: the SWIFT IBAN registry, plus the countries whose IBANs are in use
  // outside it that Relay's pattern also lists (BJ, CI, SN, ...).
  private static final Map<String, Integer> REGISTRY =
      Map.ofEntries(
          Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
          Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
          Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
          Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
          Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
          Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
          Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
          Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
          Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21), Map.entry("HU", 28),
          Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
          Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
          Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
          Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27),
          Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
          Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
          Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24),
          Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
          Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24),
          Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
          Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
          Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26),
          Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
          Map.entry("YE", 30),
          // in use, not in the registry
          Map.entry("AO", 25), Map.entry("BF", 28), Map.entry("BJ", 28), Map.entry("CF", 27),
          Map.entry("CG", 27), Map.entry("CI", 28), Map.entry("CM", 27), Map.entry("CV", 25),
          Map.entry("DZ", 26), Map.entry("GA", 27), Map.entry("GQ", 27), Map.entry("GW", 25),
          Map.entry("IR", 26), Map.entry("KM", 27), Map.entry("MA", 28), Map.entry("MG", 27),
          Map.entry("ML", 28), Map.entry("MZ", 25), Map.entry("NE", 28), Map.entry("SN", 28),
          Map.entry("TD", 27), Map.entry("TG", 28));

  private static final byte[] LENGTHS = lengths(); // by country code, (A-Z) * 26 + (A-Z); 0: none

  @Override
  public void find(String text, Spans spans, int rule) {
    int n = text.length();
    int i = 0;
    while (i + 4 <= n) {
      if (!isCapital(text.charAt(i + 1))) {
        i += 2; // neither here nor one on can a country code start: most text, read at half the chars
        continue;
      }
      if (!isCapital(text.charAt(i))
          || !isDigit(text.charAt(i + 2))
          || !isDigit(text.charAt(i + 3))
          || CardNumberFinder.isJoined(text, i - 1, -1)) {
        i++;
        continue;
      }
      int length = LENGTHS[(text.charAt(i) - 'A') * 26 + text.charAt(i + 1) - 'A'];
      int end = length == 0 ? -1 : end(text, i, length);
      if (end > 0 && mod97(text, i, end) == 1) {
        spans.add(i, end, rule);
        i = end;
      } else {
        i++;
      }
    }
  }

  /**
   * The end of an IBAN of {@code length} chars starting at {@code start}, compact or grouped by
   * single spaces after every four chars; -1 if the text does not hold one there, or its last
   * char is joined to more.
   */
  private static int end(String text, int start, int length) {
    int n = text.length();
    boolean grouped = start + 4 < n && text.charAt(start + 4) == ' ';
    int chars = 0;
    int k = start;
    while (chars < length && k < n) {
      char c = text.charAt(k);
      if (grouped && chars > 0 && chars % 4 == 0) {
        if (c != ' ') {
          return -1;
        }
        k++;
        c = k < n ? text.charAt(k) : ' ';
      }
      if (!isCapital(c) && !isDigit(c)) {
        return -1;
      }
      chars++;
      k++;
    }
    return chars < length || CardNumberFinder.isJoined(text, k, 1) ? -1 : k;
  }

  /** ISO 13616: the first four chars moved to the end, letters as 10 to 35, modulo 97. */
  private static int mod97(String text, int start, int end) {
    int remainder = 0;
    for (int pass = 0; pass < 2; pass++) {
      int from = pass == 0 ? start + 4 : start;
      int to = pass == 0 ? end : start + 4;
      for (int k = from; k < to; k++) {
        char c = text.charAt(k);
        if (c == ' ') {
          continue;
        }
        int value = isDigit(c) ? c - '0' : c - 'A' + 10;
        remainder = (value < 10 ? remainder * 10 : remainder * 100) + value;
        remainder %= 97;
      }
    }
    return remainder;
  }

  private static byte[] lengths() {
    byte[] lengths = new byte[26 * 26];
    REGISTRY.forEach((code, length) -> lengths[(code.charAt(0) - 'A') * 26 + code.charAt(1) - 'A'] = (byte) (int) length);
    return lengths;
  }

  private static boolean isCapital(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
