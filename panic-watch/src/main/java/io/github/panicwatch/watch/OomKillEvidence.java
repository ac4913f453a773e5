package io.github.panicwatch.watch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the cgroup's memory files said about a child that died of SIGKILL: the OOM killer's count
 * before and after the death, the memory limit and the peak; or why they could not be read.
 *
 * @param cgroup the folder read, {@code null} when none was
 * @param before the count before the death, {@code null} when not read
 * @param after the count after it, {@code null} when not read
 * @param limitBytes the memory limit, {@code null} for none or not read
 * @param peakBytes the peak usage, {@code null} when the kernel keeps none or it was not read
 * @param notRead why the counts could not be compared, {@code null} when they were
 */
record OomKillEvidence(Path cgroup, Long before, Long after, Long limitBytes, Long peakBytes, String notRead) {
  static final String BEFORE_EXTRA = "oom_kill_count_before";
  static final String AFTER_EXTRA = "oom_kill_count_after";
  static final String LIMIT_EXTRA = "memory_limit_bytes";
  static final String PEAK_EXTRA = "memory_peak_bytes";
  static final String CGROUP_EXTRA = "cgroup";
  static final String NOT_READ_EXTRA = "oom_kill_not_read";

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  static OomKillEvidence unread(String why) {
    return new OomKillEvidence(null, null, null, null, null, why);
  }

  /** True when the count rose across the death: the kernel's OOM killer sent the SIGKILL. */
  boolean oomKilled() {
    return before != null && after != null && after > before;
  }

  /** The limit and the peak in human units: {@code memory limit 512 MiB, peak 511.9 MiB}. */
  String memory() {
    String limit = limitBytes == null ? "no memory limit" : "memory limit " + human(limitBytes);
    return peakBytes == null ? limit : limit + ", peak " + human(peakBytes);
  }

  /** The counts, limit and peak in bytes, or why they could not be read. */
  Map<String, Object> extras() {
    Map<String, Object> extras = new LinkedHashMap<>();
    if (notRead != null) {
      extras.put(NOT_READ_EXTRA, notRead);
      return extras;
    }
    extras.put(BEFORE_EXTRA, before);
    extras.put(AFTER_EXTRA, after);
    if (limitBytes != null) {
      extras.put(LIMIT_EXTRA, limitBytes);
    }
    if (peakBytes != null) {
      extras.put(PEAK_EXTRA, peakBytes);
    }
    extras.put(CGROUP_EXTRA, cgroup.toString());
    return extras;
  }

  /** Binary units with one decimal where it says something: {@code 512 MiB}, {@code 1.5 GiB}, {@code 900 B}. */
  static String human(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = unit == 0 ? Long.toString(bytes) : String.format(Locale.ROOT, "%.1f", value);
    return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + UNITS[unit];
  }
}
