#!/usr/bin/env bash
# Builds the benchmarks and runs every suite of issues 6 and 17 with JMH's GC profiler, then writes
# the Markdown tables (ns/op, B/op, ratios against the baselines, targets met or missed) to
# benchmarks/results/latest.md. About 30 minutes with the defaults; `--quick` takes about 3 and
# is only good for checking that everything runs. Run it on a quiet machine: other processes on
# the same cores show up as time per call.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
[[ "${1:-}" == "--quick" ]] && QUICK=true

# Nothing from the environment may send events or change the SDK's configuration.
unset SENTRY_DSN SENTRY_ENVIRONMENT SENTRY_RELEASE ENABLE_SENTRY || true

mvn -B -q -DskipTests package -pl benchmarks,panic-watch -am
JAR=benchmarks/target/benchmarks.jar
RAW=benchmarks/target/results
mkdir -p "$RAW" benchmarks/results
rm -f "$RAW"/*.json

if $QUICK; then
  PATH_OPTS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  PANIC_OPTS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  SCRUB_OPTS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  PASS_THROUGH_RUNS=1
  THROUGHPUT_ROUNDS=1
  FOOTPRINT_SECONDS=4
else
  # two forks per configuration and pass, four in all: the ratios are between forks, so JIT luck
  # must average out
  PATH_OPTS=(-f 2 -wi 3 -w 1s -i 6 -r 1s)
  PANIC_OPTS=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
  SCRUB_OPTS=(-f 2 -wi 2 -w 1s -i 5 -r 1s)
  PASS_THROUGH_RUNS=5
  THROUGHPUT_ROUNDS=5
  FOOTPRINT_SECONDS=10
fi

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
STARTED=$(date -u +%Y-%m-%dT%H:%MZ)

run() { # name, JMH arguments...
  local name=$1; shift
  echo "== $name" >&2
  java -jar "$JAR" "$@" -prof gc -prof io.github.panicwatch.benchmarks.ThreadCpuProfiler \
    -rf json -rff "$RAW/$name.json" > "$RAW/$name.log"
}

# 1 and 2: one log call, every appender, with and without MDC, at one thread; then the same at two
# threads (switched off is not interesting there). Each suite runs twice, the appenders in opposite
# orders, and ResultsTable merges the passes: JMH runs one appender's forks after another, so a
# slow drift of a shared machine would otherwise land on whichever appender ran during it. JMH
# finds a pattern anywhere in a benchmark's full name: the leading '\.' keeps Log4j2's suite out.
run path-1-thread '\.BreadcrumbPathBenchmark\.infoCall$' \
  -p appender=noop,panicwatch,panicwatch-off,sentry "${PATH_OPTS[@]}"
run path-1-thread-reversed '\.BreadcrumbPathBenchmark\.infoCall$' \
  -p appender=sentry,panicwatch-off,panicwatch,noop "${PATH_OPTS[@]}"
run path-2-threads '\.BreadcrumbPathBenchmark\.infoCallTwoThreads$' \
  -p appender=noop,panicwatch,sentry "${PATH_OPTS[@]}"
run path-2-threads-reversed '\.BreadcrumbPathBenchmark\.infoCallTwoThreads$' \
  -p appender=sentry,panicwatch,noop "${PATH_OPTS[@]}"
# 1 on Log4j2 (issue 17): the same call through synchronous Log4j2 loggers in garbage-free mode,
# Panicwatch instead of the Null appender, beside a pattern File appender with Log4j2's defaults (a
# log file, flushed after every line) and beside the cheapest one (buffered, to /dev/null); and, for
# reference, beside the cheapest one the Null appender (what any second appender costs) and an
# appender that only copies the message at the call, also alone (the least a breadcrumb formatted
# at the call costs); twice, as above
run log4j2-path '\.Log4j2BreadcrumbPathBenchmark\.infoCall$' \
  -p appender=null,panicwatch,copy,logfile,logfile+panicwatch,file,file+panicwatch,file+null,file+copy "${PATH_OPTS[@]}"
run log4j2-path-reversed '\.Log4j2BreadcrumbPathBenchmark\.infoCall$' \
  -p appender=file+copy,file+null,file+panicwatch,file,logfile+panicwatch,logfile,copy,panicwatch,null "${PATH_OPTS[@]}"
# 3: one panic with a full ring, filled by each framework's appender
run panic-capture 'PanicCaptureBenchmark' "${PANIC_OPTS[@]}"
# 6: panics per second end to end, through the Logback appender to a receiver on 127.0.0.1
echo "== panic-throughput" >&2
java -cp "$JAR" io.github.panicwatch.benchmarks.PanicThroughput "$THROUGHPUT_ROUNDS" 2000 4 > "$RAW/panic-throughput.md"
# 4: scrubbing throughput
run scrubbing 'ScrubBenchmark' "${SCRUB_OPTS[@]}"
# 5: a child writing 200 MB of stderr lines, with and without panic-watch (two processes: not JMH)
echo "== watcher-pass-through" >&2
java -cp "$JAR" io.github.panicwatch.benchmarks.WatcherPassThrough panic-watch/target/panic-watch.jar \
  "$PASS_THROUGH_RUNS" $((200 * 1024 * 1024)) "$RAW/watcher-pass-through.json" > "$RAW/watcher-pass-through.md"
# 7: the watcher's own resident memory, with the JVM's defaults and with the README's flags (issue 16)
echo "== watcher-footprint" >&2
java -cp "$JAR" io.github.panicwatch.benchmarks.WatcherFootprint panic-watch/target/panic-watch.jar \
  "$PASS_THROUGH_RUNS" "$FOOTPRINT_SECONDS" > "$RAW/watcher-footprint.md"

LOAD_AFTER=$(uptime | sed 's/.*load average: //')
CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
JAVA=$(java -version 2>&1 | sed -n '2p')

{
  echo "Measured $STARTED on ${CPU:-an unknown CPU}, $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB,"
  echo "$(uname -sr), $JAVA, JVM defaults (G1), JMH 1.37 with \`-prof gc\`"
  echo "($(if $QUICK; then echo 'quick run: one fork, two 1 s iterations'; else echo 'forks and iterations as in benchmarks/run.sh'; fi));"
  echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo
  java -cp "$JAR" io.github.panicwatch.benchmarks.ResultsTable "$RAW"/path-1-thread.json \
    "$RAW"/path-1-thread-reversed.json "$RAW"/path-2-threads.json "$RAW"/path-2-threads-reversed.json \
    "$RAW"/log4j2-path.json "$RAW"/log4j2-path-reversed.json "$RAW"/panic-capture.json "$RAW"/scrubbing.json
  cat "$RAW/panic-throughput.md"
  cat "$RAW/watcher-pass-through.md"
  cat "$RAW/watcher-footprint.md"
} > benchmarks/results/latest.md

cat benchmarks/results/latest.md
