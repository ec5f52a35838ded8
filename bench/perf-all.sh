#!/bin/sh
# Every target of the README's Performance table, one after the other, on this machine: before each
# step the load average, then the tool's own output. About 15 minutes (--quick: 8); run it on a quiet machine
# (nothing else building), after:
#
#   mvn -B -q package -DskipTests && npm --prefix bench/peer ci
#   bench/perf-all.sh [--quick]        # --quick: shorter runs, for a first look
#
# Each step can be run alone; the commands are printed as they start.
set -e
cd "$(dirname "$0")/.."
[ -f app/target/evalbot.jar ] && [ -f bench/target/benchmarks.jar ] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
quick=false
[ "${1:-}" = "--quick" ] && quick=true
B="java -cp bench/target/benchmarks.jar"
L="dev.evalbot.bench.load"

step() {
  echo
  echo "### $1"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
       "$(uptime | sed 's/.*load average/load average/')"
  shift
  echo "\$ $*"
  "$@"
}

if $quick; then jmh="-f 1 -wi 2 -i 3 -w 1s -r 1s"; secs=5; review_secs=30; runs=3; warm=10
else jmh="-f 1 -wi 3 -i 5 -w 2s -r 2s"; secs=10; review_secs=60; runs=5; warm=60; fi

step "rules: a 1 MiB file and typical files" \
  java -jar bench/target/benchmarks.jar 'ValidationBench\.(oneMebibyteFile|typicalFilePerEntry|aliasBombRefused)' $jmh -prof gc
step "verifyToken: CPU per verification, first sight and repeat" $B dev.evalbot.bench.TokenVerifyCpu 3
step "verifyToken: throughput" java -jar bench/target/benchmarks.jar TokenVerifyBench $jmh
step "intake and star against the Probot peer, fresh servers" bench/wrk-intake.sh --seconds "$secs"
step "intake and star against the Probot peer, after a 10 s warm-up" bench/wrk-intake.sh --seconds "$secs" --warmup 10
step "reply latency at a steady 500/s, warm server ($warm s of the same load first)" $B $L.LoadGenerator --rate 500 --seconds "$secs" --warmup "$warm"
step "first delivery to final status at 200/s, 10 deliveries per PR, fresh server" \
  $B $L.LoadGenerator --rate 200 --seconds 10 --prs 200
step "first delivery to final status at 200/s, 10 deliveries per PR, warm server ($warm s first)" \
  $B $L.LoadGenerator --rate 200 --seconds 10 --prs 200 --warmup "$warm"
step "CPU per review of a 10-file PR (every delivery a new PR)" \
  $B $L.LoadGenerator --rate 10 --seconds "$review_secs" --files 10 --prs $((review_secs * 10))
step "ready from start, the quick start as typed" $B $L.ReadyBench --runs "$runs"
step "resident memory after wrk flat out, the image's collector" \
  bench/wrk-intake.sh --no-peer --seconds "$secs" --jvm-args "-XX:+UseSerialGC"
step "leaderboards" java -jar bench/target/benchmarks.jar AggregationBench $jmh
step "leaderboard page latency" $B $L.PageLatency
