package io.github.panicwatch.core.crash;

import io.github.panicwatch.core.status.StatusSink;
import io.github.panicwatch.core.config.PanicwatchOptions;
import io.github.panicwatch.core.storage.ForeignFile;
import io.github.panicwatch.core.storage.PrivateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fatal-error reports already reported, so that each crash is one event (issue 16), whoever
 * reports it: the watcher when its child dies, or the appender of a later run. Whoever claims a
 * report first reports it; the claim is checked and written in one step, under a file lock, before
 * the event is made, so two claimants (a watcher and an appender starting beside it, or two
 * appenders of one JVM) never both report it.
 *
 * <p>The claims are kept in {@value #FILE}, a table of a private folder of the user ({@link
 * PrivateFolder#table}): {@code crashes/} in the per-user folder, or in {@code cacheDirPath} when
 * one is set, as the watcher and the appender read the same configuration. One line per report,
 * {@code <digest> <millis claimed>}, the newest {@value #MAX_ENTRIES} kept; the digest is of the
 * report's real path, last change and size, so that a report HotSpot writes again under the same
 * name (PID 1 of each container run writes {@code hs_err_pid1.log}) is a new one, and the file
 * says nothing of the reports themselves.
 */
public final class ReportedCrashes {
  static final String FOLDER = "crashes";
  static final String FILE = "reported.txt";
  static final int MAX_ENTRIES = 1000;

  private final Path base;
  private final boolean userFolder;
  private final StatusSink status;
  private PrivateFolder folder; // guarded by this; opened by the first claim

  private ReportedCrashes(Path base, boolean userFolder, StatusSink status) {
    this.base = base;
    this.userFolder = userFolder;
    this.status = status;
  }

  /** The claims of the user of these options; nothing is opened or made before the first claim. */
  public static ReportedCrashes of(PanicwatchOptions options, StatusSink status) {
    return new ReportedCrashes(options.cacheDir().toPath(), options.usesDefaultCacheDir(), status);
  }

  /**
   * Records {@code report} as reported, unless it is already.
   *
   * @return true when the caller is the one to report it; false when it was reported before
   * @throws IOException when the claims cannot be read or written
   */
  public boolean claim(ForeignFile.Checked report) throws IOException {
    String key = key(report);
    return folder().table(FILE).edit(claims -> {
      if (claims.stream().anyMatch(claim -> claim.startsWith(key + ' '))) {
        return false;
      }
      claims.add(key + ' ' + System.currentTimeMillis());
      if (claims.size() > MAX_ENTRIES) {
        claims.subList(0, claims.size() - MAX_ENTRIES).clear(); // the oldest
      }
      return true;
    });
  }

  private synchronized PrivateFolder folder() throws IOException {
    if (folder == null) {
      folder = userFolder ? PrivateFolder.open(base, status).folder(FOLDER, status) : PrivateFolder.open(base.resolve(FOLDER), status);
    }
    return folder;
  }

  /** What names one report: its real path, last change and size, digested. */
  static String key(ForeignFile.Checked report) {
    Path path = report.path();
    try {
      path = path.getParent().toRealPath().resolve(path.getFileName()); // one name for a folder reached two ways
    } catch (IOException | RuntimeException e) {
      // the path as it was checked
    }
    String identity = path + "\n" + report.lastModified().toEpochMilli() + "\n" + report.size();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
