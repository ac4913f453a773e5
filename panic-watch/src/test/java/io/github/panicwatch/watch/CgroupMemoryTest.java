package io.github.panicwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and reading a cgroup's memory files, in folders laid out like {@code /proc/self} and like
 * the cgroup file systems of v2, v1 and a machine with both (as this build's machine has): never a
 * real cgroup.
 */
class CgroupMemoryTest {
  @TempDir Path dir;

  @Test
  void findsTheCgroupV2FolderOfThisProcessUnderTheMountOfTheHierarchy() throws IOException {
    Path mount = Files.createDirectories(dir.resolve("sys/fs/cgroup"));
    Path own = Files.createDirectories(mount.resolve("system.slice/my-service.service"));
    Files.writeString(own.resolve("memory.events"), "oom_kill 0\n");

    CgroupMemory.Found found = locate("0::/system.slice/my-service.service\n",
        "25 1 0:22 / " + mount + " rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");

    assertThat(found.memory().dir()).isEqualTo(own);
  }

  @Test
  void findsTheCgroupV1MemoryFolderWhereCgroupV2HasNoMemoryController() throws IOException {
    Path unified = Files.createDirectories(dir.resolve("sys/fs/cgroup/unified"));
    Path memory = Files.createDirectories(dir.resolve("sys/fs/cgroup/memory"));
    Path own = Files.createDirectories(memory.resolve("process_api/abc"));
    Files.writeString(own.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");

    CgroupMemory.Found found = locate("4:memory:/process_api/abc\n1:cpu,cpuacct:/\n0::/\n",
        "35 31 0:32 / " + memory + " rw,relatime - cgroup cgroup rw,memory\n"
            + "41 31 0:38 / " + unified + " rw,relatime - cgroup2 cgroup2 rw\n");

    assertThat(found.memory().dir()).isEqualTo(own);
  }

  @Test
  void takesTheMountPointItselfWhereTheMountsRootIsTheProcessesOwnCgroup() throws IOException {
    Path mount = Files.createDirectories(dir.resolve("with space/cgroup"));
    Files.writeString(mount.resolve("memory.events"), "oom_kill 0\n");

    // a container without a cgroup namespace: /proc/self/cgroup has the host's path, the mount's root is it
    CgroupMemory.Found found = locate("0::/docker/0123abcd\n",
        "1200 1100 0:26 /docker/0123abcd " + mount.toString().replace(" ", "\\040")
            + " ro,nosuid master:9 - cgroup2 cgroup rw\n");

    assertThat(found.memory().dir()).isEqualTo(mount);
  }

  @Test
  void saysWhyWhenThereIsNoMemoryCgroup() throws IOException {
    CgroupMemory.Found found = locate("1:cpu:/\n", "");

    assertThat(found.memory()).isNull();
    assertThat(found.problem()).isEqualTo("no memory cgroup in " + dir.resolve("cgroup"));
  }

  @Test
  void readsTheCountTheLowestLimitOfTheCgroupAndItsParentsAndThePeakOfV2() throws IOException {
    Path slice = Files.createDirectories(dir.resolve("slice"));
    Path service = Files.createDirectories(slice.resolve("service"));
    Files.writeString(slice.resolve("memory.max"), "1073741824\n");
    Files.writeString(service.resolve("memory.max"), "max\n");
    Files.writeString(service.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 3\noom_kill 2\noom_group_kill 0\n");
    Files.writeString(service.resolve("memory.peak"), "1073700000\n");

    CgroupMemory memory = CgroupMemory.at(service).memory();

    assertThat(memory.oomKills()).isEqualTo(2);
    assertThat(memory.limitBytes()).isEqualTo(1073741824L);
    assertThat(memory.peakBytes()).isEqualTo(1073700000L);
  }

  @Test
  void readsV1WithoutALimitAndSaysWhenItsKernelCountsNoOomKills() throws IOException {
    Files.writeString(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n"); // before Linux 4.13
    Files.writeString(dir.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    Files.writeString(dir.resolve("memory.max_usage_in_bytes"), "688254976\n");

    CgroupMemory memory = CgroupMemory.at(dir).memory();

    assertThat(memory.limitBytes()).isNull();
    assertThat(memory.peakBytes()).isEqualTo(688254976L);
    assertThatThrownBy(memory::oomKills).hasMessageContaining("has no oom_kill count");
  }

  @Test
  void takesNoPeakWhereTheKernelKeepsNoneAndNeverTheTextOfAFileThatHoldsNoNumber() throws IOException {
    Files.writeString(dir.resolve("memory.events"), "oom_kill root:$6$secret\n");

    CgroupMemory memory = CgroupMemory.at(dir).memory();

    assertThat(memory.peakBytes()).isNull();
    assertThatThrownBy(memory::oomKills).hasMessageNotContaining("secret");
  }

  @Test
  void refusesAFolderWithoutMemoryFiles() {
    CgroupMemory.Found found = CgroupMemory.at(dir);

    assertThat(found.memory()).isNull();
    assertThat(found.problem()).isEqualTo(dir + " has neither memory.events (cgroup v2) nor memory.oom_control (cgroup v1)");
  }

  private CgroupMemory.Found locate(String cgroup, String mountinfo) throws IOException {
    return CgroupMemory.locate(Files.writeString(dir.resolve("cgroup"), cgroup), Files.writeString(dir.resolve("mountinfo"), mountinfo));
  }
}
