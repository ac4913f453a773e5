package io.github.panicwatch.core.scrub;

import io.github.panicwatch.core.scrub.PatternFinder.Start;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Credentials known by their shape (a provider's prefix, alphabet and length), one named rule per
 * provider, wherever they stand in a text: the token kinds secret scanners look for (issue 13).
 * The formats are facts the providers publish (each rule names where); the patterns are our own.
 *
 * <p>Every pattern keeps the scrubber's guarantees: it names the literal its matches start at or
 * near ({@link Start}), so it runs only there; every quantifier is bounded or possessive; and its
 * look-behind rejects every char its body can hold, so a match starts only at a token's first
 * char and a long run of token chars is read once, not once per literal inside it. A token too
 * long for its rule is no match: it is not that provider's token.
 */
final class TokenRules {
  // A token stands alone: no letter or digit (or the chars of its own alphabet) right before or
  // after it. The suffixes name what else may not touch it.
  private static final String NOT_AFTER_WORD = "(?<![A-Za-z0-9_])";
  private static final String NOT_BEFORE_WORD = "(?![A-Za-z0-9_])";
  private static final String NOT_AFTER_WORD_OR_DASH = "(?<![A-Za-z0-9_-])";
  private static final String NOT_BEFORE_WORD_OR_DASH = "(?![A-Za-z0-9_-])";
  private static final String NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";
  private static final String NOT_BEFORE_ALNUM = "(?![A-Za-z0-9])";
  // '=' is base64's padding, at its end only: a token after "key=" stands alone
  private static final String NOT_AFTER_BASE64 = "(?<![A-Za-z0-9_+/])";
  private static final String NOT_BEFORE_BASE64 = "(?![A-Za-z0-9_+/=])";

  private TokenRules() {}

  /** Every provider rule by name, in the order they run. */
  static Map<String, PatternFinder> rules() {
    Map<String, PatternFinder> rules = new LinkedHashMap<>();

    // --- cloud
    // AWS IAM User Guide, "IAM identifiers", "Unique identifiers": access key ids start AKIA
    // (long-term) or ASIA (temporary, STS), ABIA and ACCA for service-specific credentials; 20
    // chars. Amazon Bedrock User Guide, "Amazon Bedrock API keys": long-term keys start ABSK.
    rules.put(
        "aws",
        token(
            NOT_AFTER_ALNUM + "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}" + NOT_BEFORE_ALNUM
                + "|" + NOT_AFTER_BASE64 + "ABSK[A-Za-z0-9+/]{109,269}+=*+" + NOT_BEFORE_BASE64,
            Start.at("AKIA"), Start.at("ASIA"), Start.at("ABIA"), Start.at("ACCA"), Start.at("A3T"),
            Start.at("ABSK")));
    // Google Cloud, "Manage API keys" (keys are 39 chars starting AIza); Google Cloud, "OAuth
    // client secret hashing": client secrets start GOCSPX-; Google Identity, "Using OAuth 2.0 to
    // Access Google APIs": access tokens start ya29.
    rules.put(
        "google",
        token(
            NOT_AFTER_WORD_OR_DASH
                + "(?:AIza[A-Za-z0-9_-]{35}|GOCSPX-[A-Za-z0-9_-]{28}|ya29\\.[A-Za-z0-9_-]{20,1024}+)"
                + NOT_BEFORE_WORD_OR_DASH,
            Start.at("AIza"), Start.at("GOCSPX-"), Start.at("ya29.")));
    // Microsoft Entra, "Add and manage application credentials": client secrets issued since
    // 2021 are 40 chars with "Q~" after three chars and a digit (Microsoft's identifiable-secret
    // marker; GitHub secret scanning's azure_active_directory_application_secret).
    rules.put(
        "azure",
        token(
            "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+(?![A-Za-z0-9_~.-])",
            Start.before("Q~", 4)));
    // DigitalOcean, "How to Create a Personal Access Token" and "Token prefixes": dop_v1_
    // (personal), doo_v1_ (OAuth), dor_v1_ (refresh), then 64 hex digits.
    rules.put(
        "digitalocean",
        token(
            NOT_AFTER_WORD + "do[opr]_v1_[a-f0-9]{64}" + NOT_BEFORE_WORD,
            Start.at("dop_v1_"), Start.at("doo_v1_"), Start.at("dor_v1_")));
    // Alibaba Cloud, "Create an AccessKey pair": AccessKey ids start LTAI.
    rules.put(
        "alibaba",
        token(NOT_AFTER_ALNUM + "LTAI[A-Za-z0-9]{12,20}+" + NOT_BEFORE_ALNUM, Start.at("LTAI")));
    // Heroku Dev Center, "Heroku API token format": tokens start HRKU-, 65 chars in all.
    rules.put(
        "heroku",
        token(NOT_AFTER_WORD_OR_DASH + "HRKU-[A-Za-z0-9_-]{60}" + NOT_BEFORE_WORD_OR_DASH, Start.at("HRKU-")));

    // --- source hosting, CI and infrastructure
    // GitHub Docs, "About authentication to GitHub", "GitHub's token formats": ghp_ (personal),
    // gho_ (OAuth), ghu_ (user-to-server), ghs_ (server-to-server), ghr_ (refresh), 36 chars
    // after; github_pat_ (fine-grained).
    rules.put(
        "github",
        token(
            NOT_AFTER_WORD + "(?:gh[pousr]_[A-Za-z0-9]{36,251}+|github_pat_[A-Za-z0-9_]{22,255}+)" + NOT_BEFORE_WORD,
            Start.at("ghp_"), Start.at("gho_"), Start.at("ghu_"), Start.at("ghs_"), Start.at("ghr_"),
            Start.at("github_pat_")));
    // GitLab Docs, "GitLab token overview", "Token prefixes": glpat- (personal, project and group
    // access tokens), gldt- (deploy), glrt- (runner), GR1348941 (runner registration), glptt-
    // (pipeline trigger), glcbt- (CI/CD job), gloas- (OAuth application secret), glsoat- (SCIM),
    // glft- (feed), glimt- (incoming mail), glagent- (Kubernetes agent), glffct- (feature flags),
    // glwt- (workspace); routable tokens carry a dotted suffix.
    rules.put(
        "gitlab",
        token(
            "(?<![A-Za-z0-9_.-])(?:(?:glpat|gldt|glrt|glptt|glcbt|gloas|glsoat|glft|glimt|glagent|glffct|glwt)"
                + "-[A-Za-z0-9_.-]{20,300}+|GR1348941[A-Za-z0-9_-]{20,64}+)(?![A-Za-z0-9_.-])",
            Start.at("glpat-"), Start.at("gldt-"), Start.at("glrt-"), Start.at("glptt-"), Start.at("glcbt-"),
            Start.at("gloas-"), Start.at("glsoat-"), Start.at("glft-"), Start.at("glimt-"),
            Start.at("glagent-"), Start.at("glffct-"), Start.at("glwt-"), Start.at("GR1348941")));
    // Atlassian Support, "Manage API tokens for your Atlassian account" (tokens start ATATT and
    // may end in = and an 8-char checksum);
    // Bitbucket Cloud, "App passwords" (start ATBB).
    rules.put(
        "atlassian",
        token(
            NOT_AFTER_WORD_OR_DASH + "(?:ATATT[A-Za-z0-9_-]{100,400}+(?:=[A-Za-z0-9]{8})?+|ATBB[A-Za-z0-9_-]{28,64}+)"
                + "(?![A-Za-z0-9_=-])",
            Start.at("ATATT"), Start.at("ATBB")));
    // Docker Docs, "Personal access tokens" (dckr_pat_) and "Organization access tokens"
    // (dckr_oat_).
    rules.put(
        "docker",
        token(
            NOT_AFTER_WORD_OR_DASH + "dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,64}+" + NOT_BEFORE_WORD_OR_DASH,
            Start.at("dckr_pat_"), Start.at("dckr_oat_")));
    // HCP Terraform, "API tokens": 14 chars, ".atlasv1.", 60 to 70 more.
    rules.put(
        "terraform",
        token(
            NOT_AFTER_ALNUM + "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}+(?![A-Za-z0-9_=-])",
            Start.before(".atlasv1.", 14)));
    // HashiCorp Vault, "Tokens", "Token prefixes": hvs. (service), hvb. (batch), hvr. (recovery).
    rules.put(
        "vault",
        token(NOT_AFTER_WORD_OR_DASH + "hv[sbr]\\.[A-Za-z0-9_-]{24,400}+" + NOT_BEFORE_WORD_OR_DASH,
            Start.at("hvs."), Start.at("hvb."), Start.at("hvr.")));
    // Pulumi Docs, "Access tokens": pul- and 40 hex digits.
    rules.put(
        "pulumi",
        token(NOT_AFTER_WORD_OR_DASH + "pul-[a-f0-9]{40}" + NOT_BEFORE_WORD_OR_DASH, Start.at("pul-")));
    // Doppler Docs, "Token formats": dp.pt. (personal), dp.st. (service), dp.sa. (service
    // account), dp.ct. (CLI), dp.scim., dp.audit.
    rules.put(
        "doppler",
        token(
            "(?<![A-Za-z0-9_.])dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}+" + NOT_BEFORE_ALNUM,
            Start.at("dp.pt."), Start.at("dp.st."), Start.at("dp.sa."), Start.at("dp.ct."),
            Start.at("dp.scim."), Start.at("dp.audit.")));
    // Databricks, "Authenticate with Databricks personal access tokens": dapi and 32 hex digits.
    rules.put(
        "databricks",
        token(NOT_AFTER_WORD_OR_DASH + "dapi[a-f0-9]{32}(?:-[0-9])?+" + NOT_BEFORE_WORD_OR_DASH, Start.at("dapi")));

    // --- payments and commerce
    // Stripe Docs, "API keys": secret keys sk_live_/sk_test_, restricted keys rk_live_/rk_test_
    // (publishable pk_ keys are public and stay); "Verify webhook signatures": whsec_ secrets.
    rules.put(
        "stripe",
        token(
            NOT_AFTER_WORD + "(?:[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}+|whsec_[A-Za-z0-9]{32,128}+)" + NOT_BEFORE_WORD,
            Start.at("sk_live_"), Start.at("sk_test_"), Start.at("rk_live_"), Start.at("rk_test_"),
            Start.at("whsec_")));
    // Square Developer, "Access tokens and other Square credentials": production access tokens
    // start EAAA, legacy ones sq0atp-, application secrets sq0csp-.
    rules.put(
        "square",
        token(
            NOT_AFTER_WORD_OR_DASH + "(?:sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}+|EAAA[A-Za-z0-9_-]{60})"
                + NOT_BEFORE_WORD_OR_DASH,
            Start.at("sq0atp-"), Start.at("sq0csp-"), Start.at("EAAA")));
    // Braintree (PayPal) Developer Docs, "Access tokens":
    // access_token$production$<merchant id>$<32 hex digits>, or $sandbox$.
    rules.put(
        "paypal",
        token(
            "(?<![A-Za-z0-9_$])access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}" + NOT_BEFORE_ALNUM,
            Start.at("access_token$")));
    // Shopify Dev Docs, "About authentication and authorization": shpat_ (Admin API access
    // token), shpca_ (custom app), shppa_ (private app), shpss_ (shared secret), 32 hex digits.
    rules.put(
        "shopify",
        token(
            NOT_AFTER_WORD + "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}" + NOT_BEFORE_WORD,
            Start.at("shpat_"), Start.at("shpca_"), Start.at("shppa_"), Start.at("shpss_")));

    // --- AI providers
    // OpenAI API reference, "Authentication": project keys sk-proj-, service account keys
    // sk-svcacct-, admin keys sk-admin-; older keys are sk-, 20 chars, T3BlbkFJ, 20 chars.
    rules.put(
        "openai",
        token(
            NOT_AFTER_WORD_OR_DASH + "(?:sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}+"
                + "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})" + NOT_BEFORE_WORD_OR_DASH,
            Start.at("sk-proj-"), Start.at("sk-svcacct-"), Start.at("sk-admin-"), Start.before("T3BlbkFJ", 23)));
    // Anthropic API docs, "API keys": sk-ant-api03-…, admin keys sk-ant-admin01-…
    rules.put(
        "anthropic",
        token(
            NOT_AFTER_WORD_OR_DASH + "sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{40,200}+" + NOT_BEFORE_WORD_OR_DASH,
            Start.at("sk-ant-")));
    // Hugging Face Hub docs, "User access tokens": hf_ and 34 letters; organisation tokens
    // api_org_.
    rules.put(
        "huggingface",
        token(NOT_AFTER_WORD + "(?:hf|api_org)_[A-Za-z]{34}" + NOT_BEFORE_WORD, Start.at("hf_"), Start.at("api_org_")));
    // GroqCloud docs, "API keys": gsk_ and 52 chars.
    rules.put("groq", token(NOT_AFTER_WORD + "gsk_[A-Za-z0-9]{52}" + NOT_BEFORE_WORD, Start.at("gsk_")));
    // xAI docs, "API keys": xai- and 80 chars.
    rules.put(
        "xai", token(NOT_AFTER_WORD_OR_DASH + "xai-[A-Za-z0-9]{80}" + NOT_BEFORE_WORD_OR_DASH, Start.at("xai-")));
    // Perplexity API docs, "API key management": pplx- and 48 chars.
    rules.put(
        "perplexity",
        token(NOT_AFTER_WORD_OR_DASH + "pplx-[A-Za-z0-9]{48}" + NOT_BEFORE_WORD_OR_DASH, Start.at("pplx-")));

    // --- package registries
    // npm Docs, "About access tokens" (and the GitHub blog "npm access token format"): npm_ and
    // 36 chars.
    rules.put("npm", token(NOT_AFTER_WORD + "npm_[A-Za-z0-9]{36}" + NOT_BEFORE_WORD, Start.at("npm_")));
    // PyPI Help, "How can I use API tokens to authenticate with PyPI?": tokens start pypi- and a
    // macaroon whose first bytes name pypi.org (or test.pypi.org).
    rules.put(
        "pypi",
        token(
            NOT_AFTER_WORD_OR_DASH + "pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}+"
                + NOT_BEFORE_WORD_OR_DASH,
            Start.at("pypi-AgEIcHlwaS5vcmc"), Start.at("pypi-AgENdGVzdC5weXBpLm9yZw")));
    // RubyGems Guides, "API key scopes": rubygems_ and 48 hex digits.
    rules.put(
        "rubygems",
        token(NOT_AFTER_WORD + "rubygems_[a-f0-9]{48}" + NOT_BEFORE_WORD, Start.at("rubygems_")));
    // NuGet docs, "Scoped API keys": keys are oy2 and 43 lowercase chars (GitHub secret
    // scanning's nuget_api_key).
    rules.put("nuget", token(NOT_AFTER_ALNUM + "oy2[a-z0-9]{43}" + NOT_BEFORE_ALNUM, Start.at("oy2")));
    // JFrog Artifactory docs, "Access Tokens": API keys AKCp and 69 chars, reference tokens
    // start cmVmdGtu ("reftkn" in base64), 64 chars.
    rules.put(
        "artifactory",
        token(
            NOT_AFTER_ALNUM + "(?:AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})" + NOT_BEFORE_ALNUM,
            Start.at("AKCp"), Start.at("cmVmdGtu")));

    // --- mail and messaging
    // Twilio SendGrid docs, "API Keys": SG., 22 chars, a dot, 43 chars.
    rules.put(
        "sendgrid",
        token(
            "(?<![A-Za-z0-9_.-])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_.-])", Start.at("SG.")));
    // Mailgun docs, "API keys": the account's private key is key- and 32 hex digits.
    rules.put(
        "mailgun",
        token(NOT_AFTER_WORD_OR_DASH + "key-[a-f0-9]{32}" + NOT_BEFORE_WORD_OR_DASH, Start.at("key-")));
    // Mailchimp Marketing API, "Quick start": a key is 32 hex digits and its data center, -us6.
    rules.put(
        "mailchimp",
        token(NOT_AFTER_ALNUM + "[a-f0-9]{32}-us[0-9]{1,2}" + NOT_BEFORE_ALNUM, Start.before("-us", 32)));
    // Twilio Docs, "API keys" and "Account SID": SK (API key) or AC (account) and 32 hex digits.
    rules.put(
        "twilio",
        token(NOT_AFTER_ALNUM + "(?:AC|SK)[a-f0-9]{32}" + NOT_BEFORE_ALNUM, Start.at("AC"), Start.at("SK")));
    // Slack API, "Token types": xoxb- (bot), xoxp- (user), xoxa-/xoxr- (rotated and refresh),
    // xoxe- and xoxe.xoxp- (configuration), xapp- (app-level); "Sending messages using incoming
    // webhooks": the URL after hooks.slack.com/services/ is the credential (workflows and
    // triggers alike).
    rules.put(
        "slack",
        token(
            "(?<![A-Za-z0-9-])(?:xox[abposre](?:\\.xox[bp])?-[A-Za-z0-9-]{10,250}+|xapp-[0-9]-[A-Za-z0-9-]{10,250}+)"
                + "|(?<=hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9/_-]{10,250}+",
            Start.at("xox"), Start.at("xapp-"), Start.after("hooks.slack.com/services/"),
            Start.after("hooks.slack.com/workflows/"), Start.after("hooks.slack.com/triggers/")));
    // Discord Developer docs, "Webhook Resource", "Execute Webhook":
    // /webhooks/{webhook.id}/{webhook.token}; the id and token go, the host stays.
    rules.put(
        "discord",
        token(
            "(?<![A-Za-z0-9-])discord(?:app)?\\.com/api/(?:v[0-9]{1,2}/)?webhooks/"
                + "(?<secret>[0-9]{15,21}/[A-Za-z0-9_-]{30,100}+)",
            Start.at("discord.com/api/"), Start.at("discordapp.com/api/")));
    // Telegram Bot API, "Authorizing your bot": a token is the bot's id, a colon and 34 or 35
    // chars (123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11), also in https://api.telegram.org/bot<token>/.
    rules.put(
        "telegram",
        token(
            "(?:(?<=/bot)|(?<![A-Za-z0-9_:-]))[0-9]{5,16}:A[A-Za-z0-9_-]{33,34}" + NOT_BEFORE_WORD_OR_DASH,
            Start.afterRunOf("0123456789", 16, ":A")));
    // Microsoft Learn, "Create an Incoming Webhook" (Teams): everything after
    // <tenant>.webhook.office.com/webhookb2/ is the credential.
    rules.put(
        "teams",
        token(
            "(?<=\\.webhook\\.office\\.com/webhookb2/)[A-Za-z0-9@/_.-]{20,500}+",
            Start.after(".webhook.office.com/webhookb2/")));

    // --- observability and developer tools
    // Sentry Docs, "Auth Tokens": organization tokens sntrys_, a base64 JSON payload, _ and a
    // 43-char secret; user tokens sntryu_ and 64 hex digits.
    rules.put(
        "sentry",
        token(
            NOT_AFTER_BASE64 + "(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/]{20,400}+={0,2}+_[A-Za-z0-9+/]{43})"
                + NOT_BEFORE_BASE64,
            Start.at("sntryu_"), Start.at("sntrys_")));
    // New Relic docs, "New Relic API keys": user keys NRAK- and 27 chars, insert keys NRII-.
    rules.put(
        "newrelic",
        token(
            NOT_AFTER_WORD_OR_DASH + "(?:NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32})" + NOT_BEFORE_WORD_OR_DASH,
            Start.at("NRAK-"), Start.at("NRII-")));
    // Grafana docs, "Service accounts" (tokens glsa_, 32 chars, _, 8 hex digits); Grafana Cloud,
    // "Access policies" (tokens glc_ and base64).
    rules.put(
        "grafana",
        token(
            NOT_AFTER_BASE64 + "(?:glc_[A-Za-z0-9+/]{32,400}+=*+|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})" + NOT_BEFORE_BASE64,
            Start.at("glc_"), Start.at("glsa_")));
    // Dynatrace docs, "Access tokens", "Token format": dt0c01., 24 chars, a dot, 64 chars.
    rules.put(
        "dynatrace",
        token(
            "(?<![A-Za-z0-9.])dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}" + NOT_BEFORE_ALNUM, Start.at("dt0c01.")));
    // Linear Developers, "API and Webhooks": personal keys lin_api_ and 40 chars (OAuth lin_oauth_).
    rules.put(
        "linear",
        token(
            NOT_AFTER_WORD + "lin_(?:api|oauth)_[A-Za-z0-9]{40}" + NOT_BEFORE_WORD,
            Start.at("lin_api_"), Start.at("lin_oauth_")));
    // Postman Learning Center, "Generate and use Postman API keys": PMAK-, 24 hex, -, 34 hex.
    rules.put(
        "postman",
        token(
            NOT_AFTER_WORD_OR_DASH + "PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + NOT_BEFORE_WORD_OR_DASH, Start.at("PMAK-")));
    // 1Password Developer, "Service accounts": tokens start ops_ and a base64 JSON object.
    rules.put(
        "onepassword",
        token(NOT_AFTER_BASE64 + "ops_eyJ[A-Za-z0-9+/]{100,2000}+=*+" + NOT_BEFORE_BASE64, Start.at("ops_eyJ")));
    // age, the file encryption format, age-encryption.org/v1: secret keys are Bech32 with the
    // prefix AGE-SECRET-KEY-1, 58 chars of its alphabet after.
    rules.put(
        "age",
        token(
            "(?<![A-Za-z0-9-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}" + NOT_BEFORE_ALNUM,
            Start.at("AGE-SECRET-KEY-1")));
    return rules;
  }

  private static PatternFinder token(String regex, Start... starts) {
    return new PatternFinder(Pattern.compile(regex), starts);
  }
}
