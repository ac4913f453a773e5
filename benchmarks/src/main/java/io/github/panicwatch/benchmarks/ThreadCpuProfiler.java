package io.github.panicwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.github.panicwatch.benchmarks.ThreadCpuProfiler}) that reports the
 * CPU time the benchmark's own threads spent per operation, {@code cpu.time.norm}, beside the wall
 * time JMH measures. On a machine shared with other work, a thread that waits for a core shows as
 * wall time but not as CPU time: the CPU-time ratios say what the code costs when the wall-time
 * ones are drowned in the machine's load (run.sh prints both, and the load).
 */
public final class ThreadCpuProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> cpuBefore = new HashMap<>();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore.clear();
    for (ThreadInfo worker : workers()) {
      cpuBefore.put(worker.getThreadId(), threads.getThreadCpuTime(worker.getThreadId()));
    }
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's own signature
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = 0;
    for (ThreadInfo worker : workers()) {
      long now = threads.getThreadCpuTime(worker.getThreadId());
      cpu += now - cpuBefore.getOrDefault(worker.getThreadId(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    return List.of(new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** JMH's worker threads, which run the benchmark method. */
  private List<ThreadInfo> workers() {
    return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
        .filter(info -> info != null && info.getThreadName().contains("-jmh-worker-"))
        .toList();
  }
}
