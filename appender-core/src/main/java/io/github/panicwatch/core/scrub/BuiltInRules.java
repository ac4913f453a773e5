package io.github.panicwatch.core.scrub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.panicwatch.core.scrub.PatternFinder.Start;
import java.util.regex.Pattern;

/**
 * The value rules Panicwatch applies unless switched off, by the name {@code <disable>} takes. The
 * key rule of the default key list is named {@link #KEYS}.
 */
final class BuiltInRules {

  /** The name of the default key list as a rule. */
  static final String KEYS = "keys";

  /** The name of the IP address rule, which {@code <ipAddresses>false</ipAddresses>} also switches off. */
  static final String IP = "ip";

  /** Every value rule by name, in the order they run. */
  static final Map<String, ValueFinder> VALUE_RULES = valueRules();

  /** Every built-in rule name: {@link #KEYS}, then the value rules. */
  static final List<String> NAMES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(KEYS), VALUE_RULES.keySet().stream())
          .toList();

  private BuiltInRules() {}

  private static Map<String, ValueFinder> valueRules() {
    Map<String, ValueFinder> rules = new LinkedHashMap<>();
    rules.put(IP, new IpAddressFinder());
    rules.put("userinfo", new UserInfoFinder());
    rules.put(
        "bearer",
        new PatternFinder(
            Pattern.compile(
                "(?<![\\w-])bearer[ \\t]{1,8}(?<secret>[A-Za-z0-9._~+/-]{8,8192}+=*+)",
                Pattern.CASE_INSENSITIVE),
            BuiltInRules::looksGenerated,
            Start.at("bearer")));
    rules.put("card", new CardNumberFinder());
    rules.put("iban", new IbanFinder());
    rules.put("usssn", new SsnFinder());
    rules.put("pem", new PemBlockFinder());
    rules.put("email", new EmailFinder());
    rules.put(
        "jwt",
        new PatternFinder(
            Pattern.compile(
                "(?<![\\w-])eyJ[A-Za-z0-9_-]{5,8192}+\\.eyJ[A-Za-z0-9_-]{5,8192}+\\.[A-Za-z0-9_-]{0,8192}+"),
            Start.at("eyJ")));
    rules.putAll(TokenRules.rules());
    rules.put("home", new HomePathFinder());
    return Collections.unmodifiableMap(rules);
  }

  /**
   * Whether a word after {@code Bearer} is a credential rather than prose ("the bearer
   * credentials"): it has a digit or symbol, or mixes letter case after its first char.
   */
  private static boolean looksGenerated(CharSequence token) {
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!Character.isLetter(c)) {
        return true;
      }
      if (i > 0) {
        lower |= Character.isLowerCase(c);
        upper |= Character.isUpperCase(c);
      }
    }
    return lower && upper;
  }
}
