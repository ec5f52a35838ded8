#!/usr/bin/env bash
# Two builds of evalbot side by side on the benchmarks a change to the server can move: the jars
# run alternately (A, B, A, B, ...) under one load generator, so that each pair meets about the same
# load, and one table gives every run, the medians, the change and the spread between runs of the
# same jar (the noise to read the change against).
#
#   mvn -B -q package -DskipTests                  # the harness: bench/target/benchmarks.jar
#   bench/ab.sh OLD/evalbot.jar NEW/evalbot.jar [--rounds 3] [--harness bench/target/benchmarks.jar]
#               [--scale] [--only intake,wrk,...] [--out DIR] [--quick]
#   bench/ab.sh --table DIR/values.tsv...          # the table again, over the runs of several series
#
# Per round, each jar in turn (about 4 minutes a round for both jars, wrk adds 70 s, --scale 40 s):
#   intake     LoadGenerator --flat-out to 200 PRs, 10 s after a 10 s warm-up (the accept path, the
#              platform's intake, and the reviews of the newest heads beside it)
#   wrk        when wrk is installed: WrkBench, wrk -t2 -c32 at one head, 10 s after a 10 s warm-up;
#              the accept's own CPU per request (request threads + SQLite writer), pull_request and star
#   delivery   first delivery to final status at 200/s, 200 PRs, 10 s after a 15 s warm-up
#              (the inbox, the dispatcher and the delivery handlers under load)
#   review     CPU per review of a 10-file PR, 10/s for 30 s, every delivery a new PR
#   ready      ReadyBench, the quick start as typed, median of 5 starts (settings, platform modules)
#   scale      --scale only: ScaleBench serve on 100,000 stored reports (ready, boards listed, page p99);
#              the store is built once with the harness, then copied for each run
# Only loopback is used. Each tool's whole output is kept in the output directory (default: a new
# directory under /tmp), with values.tsv (every number) and table.md (the table printed at the end).
# The harness is the same for both jars (the load generator starts the given jar as a child
# process), so only the server differs; CPU per unit of work is what a shared machine distorts least.
set -euo pipefail
cd "$(dirname "$0")/.."

# One row per benchmark and metric: every run of each jar in order, medians, change of B against A,
# and the spread of each jar's own runs ((max - min) / median): a change smaller than the larger
# spread is within the noise of this series.
table() {
  awk -F'\t' '
  function median(s,   n, v, i, j, t) {
    n = split(s, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function spread(s, m,   n, v, i, lo, hi) {
    n = split(s, v, " "); lo = hi = v[1]
    for (i = 2; i <= n; i++) { if (v[i] + 0 < lo + 0) lo = v[i]; if (v[i] + 0 > hi + 0) hi = v[i] }
    return m == 0 ? 0 : 100 * (hi - lo) / m
  }
  function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.3g", x) }
  {
    key = $1 SUBSEP $2
    if (!(key in seen)) { seen[key] = 1; order[++n] = key; bench[key] = $1; metric[key] = $2; better[key] = $3 }
    runs[key, $4] = runs[key, $4] (runs[key, $4] == "" ? "" : " ") $6
  }
  END {
    print "| benchmark | metric (better) | A runs | B runs | A median | B median | change B vs A | spread A / B | verdict |"
    print "|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
      k = order[i]; a = runs[k, "A"]; b = runs[k, "B"]
      if (a == "" || b == "") { printf "| %s | %s | %s | %s | | | | | missing runs |\n", bench[k], metric[k], a, b; continue }
      ma = median(a); mb = median(b)
      ch = ma == 0 ? 0 : 100 * (mb - ma) / ma
      sa = spread(a, ma); sb = spread(b, mb); noise = sa > sb ? sa : sb
      worse = better[k] == "lower" ? ch > 0 : ch < 0
      d = ch < 0 ? -ch : ch
      verdict = d <= noise ? "within noise" : (worse ? "**worse** beyond noise" : "better beyond noise")
      gsub(/ /, ", ", a); gsub(/ /, ", ", b)
      printf "| %s | %s (%s) | %s | %s | %s | %s | %+.1f%% | %.0f%% / %.0f%% | %s |\n", bench[k], metric[k], better[k],
        a, b, fmt(ma), fmt(mb), ch, sa, sb, verdict
    }
  }' "$@"
}

usage() {
  sed -n '7,10p' "$0" | sed 's/^#   //' >&2
  exit 2
}
[ $# -ge 2 ] || usage
if [ "$1" = --table ]; then
  shift
  table "$@"
  exit
fi
A=$(realpath "$1")
B=$(realpath "$2")
shift 2
rounds=3
harness=bench/target/benchmarks.jar
scale=false
only=""
quick=false
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --harness) harness=$2; shift 2 ;;
    --scale) scale=true; shift ;;
    --only) only=$2; shift 2 ;;     # a comma-separated subset of the benchmarks below
    --quick) quick=true; shift ;;   # a smoke test of this script: one short round, numbers meaningless
    --out) out=$2; shift 2 ;;
    *) usage ;;
  esac
done
for f in "$A" "$B" "$harness"; do
  [ -f "$f" ] || { echo "no such jar: $f (build first: mvn -B -q package -DskipTests)" >&2; exit 2; }
done
harness=$(realpath "$harness")
[ -n "$out" ] || out=$(mktemp -d /tmp/evalbot-ab.XXXXXX)
mkdir -p "$out"
values="$out/values.tsv"
: >"$values"

if $quick; then
  rounds=1; secs=4; warm=3; dwarm=3; review_secs=8; ready_runs=1
else
  secs=10; warm=10; dwarm=15; review_secs=30; ready_runs=5
fi
# The load generator's server inherits this environment. GitHub's write budget (80 writes a minute
# per installation by default) would pace 200 new pull requests over minutes and the runs would time
# the pacing; the fake GitHub has no limits, so the budget is opened and the runs time the server.
export EVALBOT_GITHUB_WRITE_BUDGET=1000000/1s EVALBOT_GITHUB_NOTICE_SHARE=0

load() { cut -d' ' -f1-3 /proc/loadavg; }

# Runs one harness class with its temporary files (the load generator's stores) in a directory of
# its own, removed afterwards. Output goes to $log.
harness_run() {
  local tmp="$out/tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  local rc=0
  java -Djava.io.tmpdir="$tmp" -cp "$harness" "$@" >"$log" 2>&1 || rc=$?
  # the server's own log (its stdout and stderr, warnings and up), kept beside the tool's output
  find "$tmp" -name evalbot.log -exec cat {} + >"$log.server" 2>/dev/null || true
  rm -rf "$tmp"
  if [ $rc != 0 ]; then
    echo "failed: $* (log $log)" >&2
    tail -5 "$log" >&2
    return 1
  fi
}

# The value cell of the Markdown row whose first cell starts with $1.
cell() { grep -F -m1 "| $1" "$log" | awk -F'|' '{print $3}' | sed 's/^ *//; s/ *$//'; }
# The n-th number in a text, thousands separators dropped.
nth() { tr -d ',' | grep -oE '[0-9]+(\.[0-9]+)?' | sed -n "${1}p"; }

# record BENCH METRIC BETTER(lower|higher) VALUE: one number of run $round of jar $jar.
record() {
  if [ -z "$4" ]; then
    echo "warning: no value for $1 / $2 (jar $jar, round $round; log $log)" >&2
    return
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$jar" "$round" "$4" >>"$values"
}

# The load generator's correctness rows must all be 0; a run that lost or duplicated anything is reported.
check_clean() {
  local bad
  bad=$( { cell "non-2xx replies or errors"; cell "lost deliveries"; cell "duplicate comments"; } | grep -vx 0 || true)
  [ -z "$bad" ] || echo "WARNING: $1, jar $jar, round $round: non-2xx/lost/duplicates not all 0 (log $log)" >&2
}

bench_intake() {
  harness_run dev.evalbot.bench.load.LoadGenerator --flat-out --seconds "$secs" --warmup "$warm" --prs 200 --jar "$1"
  record intake "flat out (load generator), 2xx replies/s" higher "$(cell 'intake (2xx replies/s)' | nth 1)"
  record intake "reply p99, ms" lower "$(cell 'reply latency p50 / p99 / max' | nth 2)"
  record intake "server CPU during intake per delivery, ms" lower \
    "$(cell 'evalbot CPU during intake / until drained' | nth 3)"
  check_clean intake
}

# wrk at one head (reviews out of the way), the accept's own CPU by thread: request threads + SQLite writer.
bench_wrk() {
  harness_run dev.evalbot.bench.load.WrkBench --no-peer --seconds "$secs" --warmup "$warm" --jar "$1"
  record wrk "pull_request flat out, 2xx/s" higher "$(cell '`pull_request`, durable, flat out' | nth 1)"
  record wrk "ignored star flat out, /s" higher "$(cell 'an ignored `star` event' | nth 1)"
  local intake
  intake=$(cell 'evalbot CPU per request, intake alone')
  record wrk "accept CPU per pull_request (request threads + writer), ms" lower "$(echo "$intake" | nth 1)"
  record wrk "accept CPU per ignored star, ms" lower "$(echo "$intake" | nth 2)"
  record wrk "server CPU per pull_request, ms" lower "$(cell 'server CPU per request' | nth 1)"
  local lost
  lost=$(cell '`pull_request`: 2xx replies / deliveries stored / lost' | nth 3)
  [ "${lost:-0}" = 0 ] || echo "WARNING: wrk, jar $jar, round $round: $lost lost (log $log)" >&2
}

bench_delivery() {
  harness_run dev.evalbot.bench.load.LoadGenerator --rate 200 --seconds "$secs" --prs 200 --warmup "$dwarm" --jar "$1"
  local review
  review=$(cell 'review latency p50 / p99')
  record delivery "first delivery to final status p50, ms" lower "$(echo "$review" | nth 1)"
  record delivery "first delivery to final status p99, ms" lower "$(echo "$review" | nth 2)"
  record delivery "reply p99, ms" lower "$(cell 'reply latency p50 / p99 / max' | nth 2)"
  record delivery "server CPU per delivery until drained, ms" lower \
    "$(cell 'evalbot CPU per delivery sent, until drained' | nth 1)"
  check_clean delivery
}

bench_review() {
  harness_run dev.evalbot.bench.load.LoadGenerator --rate 10 --seconds "$review_secs" --files 10 \
    --prs $((review_secs * 10)) --jar "$1"
  # the row's label ends in "(N reviews)", so it is matched by its start
  record review "server CPU per review, second half, ms" lower "$(cell 'evalbot CPU per review, second half' | nth 1)"
  record review "review latency p50 (10 files), ms" lower "$(cell 'review latency p50 / p99' | nth 1)"
  check_clean review
}

bench_ready() {
  harness_run dev.evalbot.bench.load.ReadyBench --runs "$ready_runs" --jar "$1"
  local row
  row=$(grep -F "| $1 |" "$log" | tail -1)
  record ready "ready, median of $ready_runs starts, s" lower "$(echo "$row" | awk -F'|' '{print $3}' | nth 1)"
  record ready "CPU to ready, median of $ready_runs, ms" lower "$(echo "$row" | awk -F'|' '{print $4}' | nth 1)"
  record ready "resident at ready, MB" lower "$(echo "$row" | awk -F'|' '{print $5}' | nth 1)"
}

scale_template="$out/scale-template"
bench_scale() {
  if [ ! -f "$scale_template/evalbot.db" ]; then
    echo "building the 100,000-report store once (harness classes, not timed)" >&2
    log="$out/scale-build.log" harness_run dev.evalbot.bench.load.ScaleBench --repos 2000 --work "$scale_template" \
      --backfill-only
  fi
  rm -rf "$out/scale-run" && cp -a "$scale_template" "$out/scale-run"
  harness_run dev.evalbot.bench.load.ScaleBench --repos 2000 --work "$out/scale-run" --xmx 256m --jar "$1"
  rm -rf "$out/scale-run"
  record scale "100k reports: ready (spawn to /readyz), s" lower "$(grep -m1 '^ready: ' "$log" | nth 1)"
  record scale "100k reports: CPU to ready, ms" lower "$(grep -m1 '^ready: ' "$log" | nth 3)"
  record scale "100k reports: every board listed, s after start" lower \
    "$(grep -m1 '^every board listed' "$log" | nth 1)"
  record scale "100k reports: biggest board first page p99, ms" lower "$(grep -m1 '^first page (HTML)' "$log" | nth 4)"
}

benches=(intake)
if command -v wrk >/dev/null; then benches+=(wrk); else echo "wrk is not installed: no wrk rows" >&2; fi
benches+=(delivery review ready)
$scale && benches+=(scale)
if [ -n "$only" ]; then
  IFS=, read -r -a benches <<<"$only"
fi

{
  echo "A: $A"
  echo "B: $B"
  echo "harness: $harness; benchmarks: ${benches[*]}; rounds: $rounds; output: $out"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f MiB", $2/1024}' /proc/meminfo)," \
       "$(java -version 2>&1 | head -1)"
  echo "load average at start: $(load)"
} | tee "$out/machine.txt"

for round in $(seq 1 "$rounds"); do
  for b in "${benches[@]}"; do
    for jar in A B; do
      path=$A
      [ $jar = B ] && path=$B
      log="$out/$b-$jar-$round.log"
      printf '%s round %d %s: %s ... ' "$(date +%T)" "$round" "$b" "$jar" >&2
      t0=$(date +%s)
      echo "load average before: $(load)" >"$log.load"
      "bench_$b" "$path" || true
      echo "$(($(date +%s) - t0)) s, load $(load)" >&2
    done
  done
done
echo "load average at the end: $(load)" | tee -a "$out/machine.txt"

table "$values" | tee "$out/table.md"
echo
echo "logs, values.tsv and table.md in $out"
