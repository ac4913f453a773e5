package io.github.panicwatch.core.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random texts made of the pieces the value rules look for, near misses included, for tests
 * proving that a rule's fast search finds exactly what an independent whole-text search finds:
 * half are pieces strung together (literals, bodies of the lengths the rules count, separators),
 * half are the sample tokens of every rule, each changed a little (cut, lengthened, a char
 * changed, its case changed, glued to a neighbour) among such pieces.
 */
final class FinderInputs {
  // addresses, times, versions
  private static final String[] ADDRESS_PIECES = {
    "1", "25", "255", "256", "0", "7", "1234", ".", ".", ":", ":", "::", "%eth0", "a", "f", "B",
    "dead", "beef", "ffff", "x", "G", " ", " ", "-", "_", "/", "v", "10.1.2.3", "::ffff:", "fe80::",
    "12:30:45", "=", "\"", "@",
    // octets with their dots, so that quads of every kind of number form often
    "10.", "1.", "0.", "00.", "01.", "255.", "256.", "199.", "249.", "250.", "300.", "1.2.", "192.168.", ".1", ".255",
    ".256", ".0", ".010",
  };

  private static final String[] PIECES = {
    "1", "25", "255", "0", "7", ".", ":", "::", "%eth0", "a", "f", "B", "dead", "beef", "x", "G",
    " ", " ", "-", "_", "/", "v", "10.1.2.3", "::ffff:", "12:30:45", "=", "\"", "@", "$", "+",
    "~", "(",
    // literals of the pattern rules and a little around them
    "bearer ", "Bearer\t", "eyJ", "eyJhbGciOi", "AKIA", "ASIA", "A3TX", "ABSK", "ghp_", "gho_",
    "github_pat_", "gh", "xoxb-", "xoxe.xoxp-", "xox", "xapp-1-", "hooks.slack.com/services/",
    "hooks.SLACK.com/services/", "hooks.slack.com/triggers/", "AIza", "GOCSPX-", "ya29.", "Q~", "8Q~",
    "dop_v1_", "dor_v1_", "LTAI", "HRKU-", "HRKU-AA", "glpat-", "glrt-", "GR1348941", "ATATT",
    "ATBB", "dckr_pat_", ".atlasv1.", "hvs.", "hvb.", "pul-", "dp.pt.", "dp.scim.", "dapi", "-1",
    "sk_live_", "rk_test_", "whsec_", "EAAA", "sq0csp-", "access_token$production$", "shpat_",
    "sk-proj-", "sk-", "T3BlbkFJ", "sk-ant-api03-", "hf_", "api_org_", "gsk_", "xai-", "pplx-",
    "npm_", "pypi-AgEIcHlwaS5vcmc", "rubygems_", "oy2", "AKCp", "cmVmdGtu", "SG.", "key-", "-us6",
    "-us", "AC", "SK", "discord.com/api/webhooks/", "discordapp.com/api/v10/webhooks/", "/bot",
    ":A", ":AA", ".webhook.office.com/webhookb2/", "sntryu_", "sntrys_", "NRAK-", "NRII-",
    "glsa_", "glc_", "dt0c01.", "lin_api_", "PMAK-", "ops_eyJ", "AGE-SECRET-KEY-1",
    // bodies of the lengths the rules count
    "IOSFODNN7EXAMPLE", "0123456789abcdef0123456789abcdef", "0123456789abcdef",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "aBcDeFgHiJkLmNoPqRsTuVwXyZ", "abc123XYZ", "K9",
    "0123456789", "123456789", "123456789012345678", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    "Ab_-Cd_-Ef_-Gh_-Ij_-Kl_-Mn_-Op_-Qr_-", "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9",
  };

  private FinderInputs() {}

  // account and card numbers, and what joins or breaks them
  private static final String[] NUMBER_PIECES = {
    "DE89", "3704", "0044", "0532", "0130", "00", "GB29", "NWBK", "6016", "1331", "9268", "19",
    "NO93", "8601", "1117", "947", "BE68", "5390", "0754", "7034", "XX89", "de89", "123-45-6789",
    "000-12-3456", "666", "900", "12", "-", "-", " ", " ", " ", ".", "/", ":", "a", "Z", "_", "0",
    "4111", "1111", "4111111111111111", "5555555555554444", "1", "9", "07", "45", "6789", "0000",
    " DE89370400440532013000 ", " DE89 3704 0044 0532 0130 00 ", " GB29NWBK60161331926819", " NO9386011117947",
    " NO93 8601 1117 947", " 123-45-6789 ", " 123-45-", "DE8937040044053201300", "0 ",
    // SSN areas, groups and serials at the edges of the SSA's never-issued ranges
    " 000-45-", " 001-45-", " 665-45-", " 666-45-", " 667-45-", " 899-45-", " 900-45-", " 123-00-",
    " 123-01-", "0001", "9999",
  };

  /** {@code count} texts of account and card number pieces, the same on every run. */
  static List<String> numberTexts(int count) {
    Random random = new Random(20251126L);
    List<String> texts = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      StringBuilder text = new StringBuilder();
      for (int p = random.nextInt(16) + 1; p > 0; p--) {
        text.append(NUMBER_PIECES[random.nextInt(NUMBER_PIECES.length)]);
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /** {@code count} texts of address pieces only (numbers, hex, dots, colons), the same on every run. */
  static List<String> addressTexts(int count) {
    Random random = new Random(20251125L);
    List<String> texts = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      StringBuilder text = new StringBuilder();
      for (int p = random.nextInt(24) + 1; p > 0; p--) {
        text.append(ADDRESS_PIECES[random.nextInt(ADDRESS_PIECES.length)]);
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /** {@code count} texts, the same ones on every run. */
  static List<String> texts(int count) {
    Random random = new Random(20251124L);
    List<TokenSamples.Sample> samples = TokenSamples.all();
    List<String> texts = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      StringBuilder text = new StringBuilder();
      int pieces = random.nextInt(24) + 1;
      int samplePlace = t % 2 == 0 ? -1 : random.nextInt(pieces);
      for (int p = 0; p < pieces; p++) {
        if (p == samplePlace) {
          text.append(nearMiss(samples.get(random.nextInt(samples.size())).token(), random));
        } else {
          text.append(PIECES[random.nextInt(PIECES.length)]);
        }
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /** The token, or the token changed a little: cut, lengthened, a char changed or its case. */
  private static String nearMiss(String token, Random random) {
    StringBuilder changed = new StringBuilder(token);
    switch (random.nextInt(7)) {
      case 0 -> { } // as it is
      case 1 -> changed.setLength(Math.max(1, token.length() - 1 - random.nextInt(3)));
      case 2 -> changed.append("aZ9_-.=/".charAt(random.nextInt(8)));
      case 3 -> changed.setCharAt(random.nextInt(token.length()), "aZ9_-.=/:~ ".charAt(random.nextInt(11)));
      case 4 -> {
        int at = random.nextInt(token.length());
        char c = token.charAt(at);
        changed.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      }
      case 5 -> changed.insert(0, "aZ9_-.=/".charAt(random.nextInt(8)));
      default -> changed.deleteCharAt(random.nextInt(token.length()));
    }
    return changed.toString();
  }
}
