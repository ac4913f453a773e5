package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which reading of the OOM killer's count is "before" a death, in a folder laid out like a cgroup
 * v2; the readings' times are given, so nothing here waits.
 */
class OomKillWatchTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @TempDir Path dir;
  private final InfoOnlyStatus status = new InfoOnlyStatus();
  private long start;

  @BeforeEach
  void cgroup() throws IOException {
    count(0);
    Files.writeString(dir.resolve("memory.max"), "536870912\n");
    start = System.nanoTime();
  }

  @Test
  void takesTheCountAtTheStartAsBeforeForAChildThatLivedLessThanTheLookBack() throws IOException {
    OomKillWatch watch = OomKillWatch.start(dir, status);
    watch.sample(start + SECOND);
    count(1); // the kernel counts, then kills
    watch.sample(start + 2 * SECOND); // read while the large child is still dying

    OomKillEvidence evidence = watch.afterDeath();

    assertThat(evidence.before()).isZero();
    assertThat(evidence.after()).isEqualTo(1);
    assertThat(evidence.oomKilled()).isTrue();
    assertThat(evidence.limitBytes()).isEqualTo(536870912L);
    assertThat(status.infos).containsExactly("the OOM killer's count in " + dir + " is 0 at the child's start");
  }

  @Test
  void doesNotBlameTheChildsSigkillOnAnOomKillOfAnotherProcessLongBefore() throws IOException {
    OomKillWatch watch = OomKillWatch.start(dir, status);
    count(1); // another process of the cgroup, an hour ago
    for (int second = 1; second <= 3600; second++) {
      watch.sample(start + second * SECOND);
    }

    OomKillEvidence evidence = watch.afterDeath(); // then someone ran kill -9 on the child

    assertThat(evidence.before()).isEqualTo(1);
    assertThat(evidence.oomKilled()).isFalse();
  }

  @Test
  void seesAnOomKillWithinTheLookBackBeforeTheDeath() throws IOException {
    OomKillWatch watch = OomKillWatch.start(dir, status);
    for (int second = 1; second <= 100; second++) {
      watch.sample(start + second * SECOND);
    }
    count(1);
    for (int second = 101; second < 100 + OomKillWatch.LOOKBACK_SECONDS; second++) {
      watch.sample(start + second * SECOND);
    }

    assertThat(watch.afterDeath().oomKilled()).isTrue();
  }

  @Test
  void saysWhyWhenTheCountCouldNotBeReadWhileTheChildRan() throws IOException {
    Files.writeString(dir.resolve("memory.events"), "oom 1\n");
    OomKillWatch watch = OomKillWatch.start(dir, status);
    count(1);

    OomKillEvidence evidence = watch.afterDeath();

    assertThat(evidence.oomKilled()).isFalse();
    assertThat(evidence.notRead()).startsWith("the OOM killer's count in " + dir + " could not be read while the child ran");
  }

  private void count(long oomKills) throws IOException {
    Files.writeString(dir.resolve("memory.events"), "oom " + oomKills + "\noom_kill " + oomKills + "\n");
  }
}
