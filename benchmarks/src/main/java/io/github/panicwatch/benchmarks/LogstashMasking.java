package io.github.panicwatch.benchmarks;

import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.mask.RegexValueMasker;
import net.logstash.logback.mask.ValueMasker;

/**
 * The baseline of the scrubbing suite: logstash-logback-encoder's regex masking, one {@link
 * RegexValueMasker} per rule, applied to a string in sequence as its {@code MaskingJsonGenerator}
 * does, each masker seeing the previous one's output. {@link #sameRules()} has a regex for every
 * rule Panicwatch applies by default (keys, flags, URL passwords, IPs, bearer tokens, cards, IBANs,
 * SSNs, PEM keys, emails, JWTs, home directories and each provider's tokens), written as a
 * logstash user would write them (no checksums: regexes cannot do Luhn or mod 97); {@link
 * #fiveRules()} is the smaller set earlier runs measured (keys, flags, URL passwords, IPv4, IPv6).
 */
final class LogstashMasking {
  static final String MASK = "[Filtered]";

  private static final String KEYS =
      "password|secret|passwd|pwd|api[-_]?key|access[-_]token|auth[-_]token|credentials|mysql[-_]pwd"
          + "|stripetoken|card\\[number\\]|authorization|auth|token|bearer|private[-_]?key|session[-_]?id"
          + "|sessid|session[-_]key|cookie|two[-_]factor|2fa|\\botp\\b|\\btotp\\b|\\bsid\\b"
          + "|\\baccount[-_]?key\\b|\\baccess[-_]?key\\b|\\bshared[-_]?access[-_]?(?:key|signature)\\b|\\bsig\\b";

  private static final String FIVE_KEYS =
      "password|secret|passwd|api[-_]?key|access[-_]token|auth[-_]token|credentials|mysql[-_]pwd"
          + "|stripetoken|card\\[number\\]|authorization|private[-_]?key";

  // one regex per provider rule, in the shapes the providers document
  private static final List<String> TOKENS =
      List.of(
          "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b|\\bABSK[A-Za-z0-9+/]{109,269}=*",
          "\\b(?:AIza[\\w-]{35}|GOCSPX-[\\w-]{28}|ya29\\.[\\w-]{20,})",
          "[\\w~.]{3}\\dQ~[\\w~.-]{31,34}",
          "\\bdo[opr]_v1_[a-f0-9]{64}\\b",
          "\\bLTAI[A-Za-z0-9]{12,20}\\b",
          "\\bHRKU-[\\w-]{60}",
          "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\\w{22,})",
          "\\b(?:glpat|gldt|glrt|glptt|glcbt|gloas|glsoat|glft|glimt|glagent|glffct|glwt)-[\\w.-]{20,}|\\bGR1348941[\\w-]{20,}",
          "\\b(?:ATATT[\\w=-]{100,}|ATBB[\\w=-]{28,})",
          "\\bdckr_(?:pat|oat)_[\\w-]{20,}",
          "\\b[A-Za-z0-9]{14}\\.atlasv1\\.[\\w=-]{60,70}",
          "\\bhv[sbr]\\.[\\w-]{24,}",
          "\\bpul-[a-f0-9]{40}\\b",
          "\\bdp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}\\b",
          "\\bdapi[a-f0-9]{32}(?:-\\d)?\\b",
          "\\b(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{32,})",
          "\\b(?:sq0(?:atp|csp)-[\\w-]{22,60}|EAAA[\\w-]{60})",
          "access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}",
          "\\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\\b",
          "\\bsk-(?:proj|svcacct|admin)-[\\w-]{40,}|\\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\\b",
          "\\bsk-ant-[a-z]{2,8}\\d{2}-[\\w-]{40,}",
          "\\b(?:hf|api_org)_[A-Za-z]{34}\\b",
          "\\bgsk_[A-Za-z0-9]{52}\\b",
          "\\bxai-[A-Za-z0-9]{80}\\b",
          "\\bpplx-[A-Za-z0-9]{48}\\b",
          "\\bnpm_[A-Za-z0-9]{36}\\b",
          "\\bpypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[\\w-]{50,}",
          "\\brubygems_[a-f0-9]{48}\\b",
          "\\boy2[a-z0-9]{43}\\b",
          "\\b(?:AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})\\b",
          "\\bSG\\.[\\w-]{22}\\.[\\w-]{43}",
          "\\bkey-[a-f0-9]{32}\\b",
          "\\b[a-f0-9]{32}-us\\d{1,2}\\b",
          "\\b(?:AC|SK)[a-f0-9]{32}\\b",
          "\\bxox[abposre](?:\\.xox[bp])?-[A-Za-z0-9-]{10,}|\\bxapp-\\d-[A-Za-z0-9-]{10,}"
              + "|(?<=hooks\\.slack\\.com/(?:services|workflows|triggers)/)[\\w/-]{10,}",
          "(?<=discord(?:app)?\\.com/api/webhooks/)\\d{15,21}/[\\w-]{30,}",
          "\\b\\d{5,16}:A[\\w-]{33,34}",
          "(?<=\\.webhook\\.office\\.com/webhookb2/)[\\w@/.-]{20,}",
          "\\bsntryu_[a-f0-9]{64}\\b|\\bsntrys_eyJ[A-Za-z0-9+/]{20,}={0,2}_[A-Za-z0-9+/]{43}",
          "\\b(?:NRAK-[A-Z0-9]{27}|NRII-[\\w-]{32})",
          "\\b(?:glc_[A-Za-z0-9+/]{32,}=*|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})",
          "\\bdt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}\\b",
          "\\blin_(?:api|oauth)_[A-Za-z0-9]{40}\\b",
          "\\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\\b",
          "\\bops_eyJ[A-Za-z0-9+/]{100,}=*",
          "\\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\\b");

  private final List<ValueMasker> maskers;

  private LogstashMasking(List<ValueMasker> maskers) {
    this.maskers = maskers;
  }

  /** A regex for every rule Panicwatch applies by default. */
  static LogstashMasking sameRules() {
    List<ValueMasker> maskers = new ArrayList<>(common(KEYS));
    maskers.add(new RegexValueMasker("(?i)(?<=\\bbearer[ \\t]{1,8})[A-Za-z0-9._~+/-]{8,}=*", MASK));
    maskers.add(new RegexValueMasker("\\b[2-6]\\d{3}(?:[ -]?\\d{4}){2,3}(?:[ -]?\\d{1,3})?\\b", MASK));
    maskers.add(new RegexValueMasker("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", MASK));
    maskers.add(new RegexValueMasker("\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b", MASK));
    maskers.add(new RegexValueMasker("(?s)(?<=-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----).*?(?=-----END |$)", MASK));
    maskers.add(new RegexValueMasker("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", MASK));
    maskers.add(new RegexValueMasker("\\beyJ[\\w-]{5,}\\.eyJ[\\w-]{5,}\\.[\\w-]*", MASK));
    TOKENS.forEach(token -> maskers.add(new RegexValueMasker(token, MASK)));
    maskers.add(new RegexValueMasker("(?<=/home/|/Users/|\\\\Users\\\\)[^/\\\\\\s]+", MASK));
    return new LogstashMasking(List.copyOf(maskers));
  }

  /** Keys, flags, URL passwords, IPv4 and IPv6: the baseline of earlier runs. */
  static LogstashMasking fiveRules() {
    return new LogstashMasking(common(FIVE_KEYS));
  }

  private static List<ValueMasker> common(String keys) {
    return List.of(
        new RegexValueMasker(
            "(?i)((?:" + keys + ")[\\w-]*[\"']?\\s*[:=]\\s*[\"']?(?:(?:basic|bearer|token|digest)\\s+)?)"
                + "[^\\s,;&\"')\\]}]+",
            "$1" + MASK),
        new RegexValueMasker("(?i)(--[\\w-]*(?:" + keys + ")[\\w-]*\\s+)[^\\s-][^\\s]*", "$1" + MASK),
        new RegexValueMasker("(?<=://[^:/@\\s]{1,64}:)[^@/\\s]+(?=@)", MASK),
        new RegexValueMasker("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])", MASK),
        new RegexValueMasker(
            "(?i)(?<![\\w:])(?=[0-9a-f:]{0,40}\\d)(?:[0-9a-f]{1,4}:){1,7}(?::?[0-9a-f]{1,4}){1,7}(?![\\w:])",
            MASK));
  }

  String mask(String value) {
    Object current = value;
    for (ValueMasker masker : maskers) {
      Object masked = masker.mask(null, current);
      if (masked != null) {
        current = masked;
      }
    }
    return (String) current;
  }
}
