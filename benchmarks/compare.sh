#!/usr/bin/env bash
# Suite 3 (one panic) and suite 4 (Panicwatch's clean-text scrubbing) of this tree against an
# earlier commit's (default: main), in one run: the two benchmark jars take turns, one JMH fork each
# per round, so a slow drift of a shared machine lands on both sides alike; each round also measures
# this tree's logstash baseline with the same rules on clean text, for the ratio of issue 13. Writes
# benchmarks/results/compare-latest.md. About 7 minutes with 5 rounds.
#   benchmarks/compare.sh [REF] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
REF=${1:-main}
ROUNDS=${2:-5}
unset SENTRY_DSN SENTRY_ENVIRONMENT SENTRY_RELEASE ENABLE_SENTRY || true

BASE=benchmarks/target/compare-base
RAW=benchmarks/target/compare
rm -rf "$BASE" "$RAW"
mkdir -p "$BASE" "$RAW" benchmarks/results
git archive "$REF" | tar -x -C "$BASE"
(cd "$BASE" && mvn -B -q -o -DskipTests package -pl benchmarks -am)
mvn -B -q -o -DskipTests package -pl benchmarks -am

# JMH runs one instance at a time on a machine (/tmp/jmh.lock): wait for another's to end rather
# than measure beside it
jmh() {
  local log
  while true; do
    if log=$(java -jar "$@" 2>&1); then
      return 0
    fi
    grep -q 'Unable to acquire the JMH lock' <<< "$log" || { echo "$log" >&2; return 1; }
    sleep 15
  done
}

PANIC_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
SCRUB_OPTS=(-f 1 -wi 2 -w 1s -i 5 -r 1s -p corpus=clean)
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
for round in $(seq 1 "$ROUNDS"); do
  for side in before after; do
    jar=benchmarks/target/benchmarks.jar
    [[ $side == before ]] && jar=$BASE/benchmarks/target/benchmarks.jar
    echo "== round $round, $side" >&2
    jmh "$jar" 'PanicCaptureBenchmark' "${PANIC_OPTS[@]}" -rf json -rff "$RAW/panic-$side-$round.json"
    jmh "$jar" 'ScrubBenchmark.panicwatch$' "${SCRUB_OPTS[@]}" -rf json -rff "$RAW/scrub-$side-$round.json"
  done
  jmh benchmarks/target/benchmarks.jar 'ScrubBenchmark.logstash$' "${SCRUB_OPTS[@]}" -rf json -rff "$RAW/logstash-after-$round.json"
done
LOAD_AFTER=$(uptime | sed 's/.*load average: //')

{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | sed -n '2p'), before = $REF ($(git rev-parse --short "$REF")), after = $(git rev-parse --short HEAD)$(git diff --quiet || echo ' with uncommitted changes');"
  echo "load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo
  java -cp benchmarks/target/benchmarks.jar io.github.panicwatch.benchmarks.BeforeAfterTable "$RAW" "$REF" "$ROUNDS"
} > benchmarks/results/compare-latest.md
cat benchmarks/results/compare-latest.md
