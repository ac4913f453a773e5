package io.github.panicwatch.core.event;

import java.util.regex.Pattern;

/**
 * Derives the Sentry environment from the release and the edition: {@code dev-<edition>} for builds
 * that are not releases, {@code prod-<edition>} otherwise (Dgraph's {@code dev-oss},
 * {@code prod-enterprise}, ...).
 */
public final class Environments {
  public static final String UNKNOWN_RELEASE = "unknown";

  /** git describe: {@code v1.2.0-14-g3f2a1bc}, optionally {@code -dirty}. */
  private static final Pattern GIT_DESCRIBE = Pattern.compile("-g[0-9a-fA-F]{7,}(?:-dirty)?$");

  private Environments() {}

  /** True for a release that was not cut: missing, unknown, a snapshot or a git-describe build. */
  public static boolean isDevelopment(String release) {
    return release == null
        || release.isBlank()
        || release.equalsIgnoreCase(UNKNOWN_RELEASE)
        || release.endsWith("-SNAPSHOT")
        || GIT_DESCRIBE.matcher(release).find();
  }

  public static String derive(String release, String edition) {
    return (isDevelopment(release) ? "dev-" : "prod-") + edition;
  }
}
