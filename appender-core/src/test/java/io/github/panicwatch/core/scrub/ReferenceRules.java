package io.github.panicwatch.core.scrub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle of the finder tests (issue 20): each built-in pattern rule written a second time,
 * from the providers' formats, apart from the production patterns and in another style (plain
 * greedy quantifiers, no possessive ones, no start places), and searched over the whole text
 * with {@code find()}. The production rules run only at their literals, anchored, possessively;
 * the tests demand the same spans. A production pattern whose look-behind or look-ahead let a
 * shorter or later match through would differ here.
 */
final class ReferenceRules {
  private static final String W = "[a-zA-Z0-9_]";
  private static final String WD = "[a-zA-Z0-9_\\-]";
  private static final String AN = "[a-zA-Z0-9]";
  private static final String B64 = "[a-zA-Z0-9_+/=]";
  private static final String B64_BODY = "[a-zA-Z0-9_+/]";

  /** A rule as a whole-text search: the pattern, the group that is the secret, a check. */
  record Reference(Pattern pattern, String group, Predicate<String> accept) {
    void find(String text, Spans spans, int rule) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        int start = group == null ? m.start() : m.start(group);
        int end = group == null ? m.end() : m.end(group);
        if (accept.test(text.substring(start, end))) {
          spans.add(start, end, rule);
        }
      }
    }
  }

  private ReferenceRules() {}

  static Map<String, Reference> all() {
    Map<String, Reference> rules = new LinkedHashMap<>();
    rules.put(
        "bearer",
        new Reference(
            Pattern.compile("(?i)(?<!" + WD + ")bearer[ \\t]{1,8}(?<token>[a-z0-9._~+/\\-]{8,8192}=*)"),
            "token",
            ReferenceRules::hasDigitSymbolOrMixedCase));
    rules.put("jwt", of("(?<!" + WD + ")eyJ[\\w-]{5,8192}\\.eyJ[\\w-]{5,8192}\\.[\\w-]{0,8192}"));
    rules.put(
        "aws",
        of("(?<!" + AN + ")(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?!" + AN + ")"
            + "|(?<!" + B64_BODY + ")ABSK[a-zA-Z0-9+/]{109,269}=*(?!" + B64 + ")"));
    rules.put(
        "google",
        of("(?<!" + WD + ")(AIza" + WD + "{35}|GOCSPX-" + WD + "{28}|ya29\\." + WD + "{20,1024})(?!" + WD + ")"));
    rules.put("azure", of("(?<![\\w~.\\-])[\\w~.]{3}\\dQ~[\\w~.\\-]{31,34}(?![\\w~.\\-])"));
    rules.put("digitalocean", of("(?<!" + W + ")do(p|o|r)_v1_[0-9a-f]{64}(?!" + W + ")"));
    rules.put("alibaba", of("(?<!" + AN + ")LTAI" + AN + "{12,20}(?!" + AN + ")"));
    rules.put("heroku", of("(?<!" + WD + ")HRKU-" + WD + "{60}(?!" + WD + ")"));
    rules.put(
        "github",
        of("(?<!" + W + ")(gh(p|o|u|s|r)_" + AN + "{36,251}|github_pat_" + W + "{22,255})(?!" + W + ")"));
    rules.put(
        "gitlab",
        of("(?<![\\w.\\-])((glpat|gldt|glrt|glptt|glcbt|gloas|glsoat|glft|glimt|glagent|glffct|glwt)-[\\w.\\-]{20,300}"
            + "|GR1348941" + WD + "{20,64})(?![\\w.\\-])"));
    rules.put(
        "atlassian",
        of("(?<!" + WD + ")(ATATT" + WD + "{100,400}(=" + AN + "{8})?|ATBB" + WD + "{28,64})(?![\\w=\\-])"));
    rules.put("docker", of("(?<!" + WD + ")dckr_(pat|oat)_" + WD + "{20,64}(?!" + WD + ")"));
    rules.put("terraform", of("(?<!" + AN + ")" + AN + "{14}\\.atlasv1\\.[\\w=\\-]{60,70}(?![\\w=\\-])"));
    rules.put("vault", of("(?<!" + WD + ")hv(s|b|r)\\." + WD + "{24,400}(?!" + WD + ")"));
    rules.put("pulumi", of("(?<!" + WD + ")pul-[0-9a-f]{40}(?!" + WD + ")"));
    rules.put("doppler", of("(?<![\\w.])dp\\.(pt|st|sa|ct|scim|audit)\\." + AN + "{40,44}(?!" + AN + ")"));
    rules.put("databricks", of("(?<!" + WD + ")dapi[0-9a-f]{32}(-\\d)?(?!" + WD + ")"));
    rules.put(
        "stripe",
        of("(?<!" + W + ")((s|r)k_(live|test)_" + AN + "{16,247}|whsec_" + AN + "{32,128})(?!" + W + ")"));
    rules.put("square", of("(?<!" + WD + ")(sq0(atp|csp)-" + WD + "{22,60}|EAAA" + WD + "{60})(?!" + WD + ")"));
    rules.put(
        "paypal",
        of("(?<![\\w$])access_token\\$(production|sandbox)\\$[a-z0-9]{16}\\$[0-9a-f]{32}(?!" + AN + ")"));
    rules.put("shopify", of("(?<!" + W + ")shp(at|ca|pa|ss)_[0-9a-fA-F]{32}(?!" + W + ")"));
    rules.put(
        "openai",
        of("(?<!" + WD + ")(sk-(proj|svcacct|admin)-" + WD + "{40,300}|sk-" + AN + "{20}T3BlbkFJ" + AN + "{20})(?!" + WD + ")"));
    rules.put("anthropic", of("(?<!" + WD + ")sk-ant-[a-z]{2,8}\\d\\d-" + WD + "{40,200}(?!" + WD + ")"));
    rules.put("huggingface", of("(?<!" + W + ")(hf|api_org)_[a-zA-Z]{34}(?!" + W + ")"));
    rules.put("groq", of("(?<!" + W + ")gsk_" + AN + "{52}(?!" + W + ")"));
    rules.put("xai", of("(?<!" + WD + ")xai-" + AN + "{80}(?!" + WD + ")"));
    rules.put("perplexity", of("(?<!" + WD + ")pplx-" + AN + "{48}(?!" + WD + ")"));
    rules.put("npm", of("(?<!" + W + ")npm_" + AN + "{36}(?!" + W + ")"));
    rules.put(
        "pypi",
        of("(?<!" + WD + ")pypi-AgE(IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)" + WD + "{50,1000}(?!" + WD + ")"));
    rules.put("rubygems", of("(?<!" + W + ")rubygems_[0-9a-f]{48}(?!" + W + ")"));
    rules.put("nuget", of("(?<!" + AN + ")oy2[0-9a-z]{43}(?!" + AN + ")"));
    rules.put("artifactory", of("(?<!" + AN + ")(AKCp" + AN + "{69}|cmVmdGtu" + AN + "{56})(?!" + AN + ")"));
    rules.put("sendgrid", of("(?<![\\w.\\-])SG\\." + WD + "{22}\\." + WD + "{43}(?![\\w.\\-])"));
    rules.put("mailgun", of("(?<!" + WD + ")key-[0-9a-f]{32}(?!" + WD + ")"));
    rules.put("mailchimp", of("(?<!" + AN + ")[0-9a-f]{32}-us\\d{1,2}(?!" + AN + ")"));
    rules.put("twilio", of("(?<!" + AN + ")(AC|SK)[0-9a-f]{32}(?!" + AN + ")"));
    rules.put(
        "slack",
        of("(?<![a-zA-Z0-9\\-])(xox(a|b|p|o|s|r|e)(\\.xox(b|p))?-[a-zA-Z0-9\\-]{10,250}|xapp-\\d-[a-zA-Z0-9\\-]{10,250})"
            + "|(?<=hooks\\.slack\\.com/services/|hooks\\.slack\\.com/workflows/|hooks\\.slack\\.com/triggers/)"
            + "[\\w/\\-]{10,250}"));
    rules.put(
        "discord",
        new Reference(
            Pattern.compile(
                "(?<![a-zA-Z0-9\\-])discord(app)?\\.com/api/(v\\d{1,2}/)?webhooks/(?<id>\\d{15,21}/" + WD + "{30,100})"),
            "id",
            token -> true));
    rules.put(
        "telegram",
        of("(?:(?<=/bot)|(?<![\\w:\\-]))\\d{5,16}:A" + WD + "{33,34}(?!" + WD + ")"));
    rules.put("teams", of("(?<=\\.webhook\\.office\\.com/webhookb2/)[\\w@/.\\-]{20,500}"));
    rules.put(
        "sentry",
        of("(?<!" + B64_BODY + ")(sntryu_[0-9a-f]{64}|sntrys_eyJ[a-zA-Z0-9+/]{20,400}={0,2}_[a-zA-Z0-9+/]{43})(?!" + B64 + ")"));
    rules.put("newrelic", of("(?<!" + WD + ")(NRAK-[A-Z0-9]{27}|NRII-" + WD + "{32})(?!" + WD + ")"));
    rules.put(
        "grafana",
        of("(?<!" + B64_BODY + ")(glc_[a-zA-Z0-9+/]{32,400}=*|glsa_" + AN + "{32}_[0-9a-fA-F]{8})(?!" + B64 + ")"));
    rules.put("dynatrace", of("(?<![a-zA-Z0-9.])dt0c01\\." + AN + "{24}\\." + AN + "{64}(?!" + AN + ")"));
    rules.put("linear", of("(?<!" + W + ")lin_(api|oauth)_" + AN + "{40}(?!" + W + ")"));
    rules.put("postman", of("(?<!" + WD + ")PMAK-[0-9a-f]{24}-[0-9a-f]{34}(?!" + WD + ")"));
    rules.put("onepassword", of("(?<!" + B64_BODY + ")ops_eyJ[a-zA-Z0-9+/]{100,2000}=*(?!" + B64 + ")"));
    rules.put("age", of("(?<![a-zA-Z0-9\\-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?!" + AN + ")"));
    return rules;
  }

  private static Reference of(String regex) {
    return new Reference(Pattern.compile(regex), null, token -> true);
  }

  /** A word after bearer is a credential when it has a digit or symbol, or mixed case after its first char. */
  static boolean hasDigitSymbolOrMixedCase(String token) {
    if (!token.chars().allMatch(Character::isLetter)) {
      return true;
    }
    String rest = token.substring(1);
    return !rest.equals(rest.toLowerCase()) && !rest.equals(rest.toUpperCase());
  }
}
