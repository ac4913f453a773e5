package io.github.panicwatch.core.deliver;

import io.github.panicwatch.core.storage.PrivateFolder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a crash-looping process to at most {@code maxPerWindow} events per fingerprint and window.
 * The counts live in a small file beside the spool (a {@link PrivateFolder}'s table), read and
 * rewritten under a file lock at each panic, so a process that dies and restarts every few seconds is held to the limit too; and the
 * first event sent after suppression learns how many were held back.
 *
 * <p>One line per fingerprint: {@code fingerprint windowStartMillis sent suppressed}.
 */
final class CrashLoopGuard {
  static final String STATE_FILE = "fingerprints.txt";

  /**
   * @param send whether to send this event
   * @param suppressed when sending, how many events of this fingerprint were held back since the
   *     last one sent; when not sending, how many are held back now, this one included
   */
  record Admission(boolean send, long suppressed) {}

  private final PrivateFolder folder;
  private final int maxPerWindow;
  private final long windowMillis;

  CrashLoopGuard(PrivateFolder folder, int maxPerWindow, long windowMillis) {
    this.folder = folder;
    this.maxPerWindow = maxPerWindow;
    this.windowMillis = windowMillis;
  }

  /** Counts this event and decides. Fails open: if the counts cannot be read or written, send. */
  Admission admit(String fingerprint, long nowMillis) throws IOException {
    return folder.table(STATE_FILE).edit(lines -> {
      Map<String, long[]> counts = read(lines);
      long[] entry = counts.get(fingerprint);
      if (entry == null || nowMillis - entry[0] >= windowMillis || nowMillis < entry[0]) {
        entry = new long[] {nowMillis, 0, entry == null ? 0 : entry[2]};
        counts.put(fingerprint, entry);
      }
      Admission admission;
      if (entry[1] < maxPerWindow) {
        entry[1]++;
        admission = new Admission(true, entry[2]);
        entry[2] = 0;
      } else {
        entry[2]++;
        admission = new Admission(false, entry[2]);
      }
      counts.values().removeIf(other -> other[2] == 0 && nowMillis - other[0] >= windowMillis);
      lines.clear();
      counts.forEach((key, counted) -> lines.add(key + ' ' + counted[0] + ' ' + counted[1] + ' ' + counted[2]));
      return admission;
    });
  }

  private static Map<String, long[]> read(List<String> lines) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length == 4) {
        try {
          counts.put(
              fields[0],
              new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])});
        } catch (NumberFormatException e) {
          // a damaged line only forgets that fingerprint's counts
        }
      }
    }
    return counts;
  }
}
