#!/bin/sh
# The intake benchmark as a new user would run it: wrk -t2 -c32 -d10s, signed 25 KB
# pull_request.opened bodies each with its own X-GitHub-Delivery (bench/wrk/webhook.lua), all for one
# pull request head, against evalbot and then the Probot peer (bench/peer), each with a recording fake
# GitHub on loopback; then an ignored `star` event. Prints a Markdown table with both and the ratio,
# and evalbot's CPU per request by thread group (request threads + SQLite writer = the intake alone).
#
#   mvn -B -q package -DskipTests && npm --prefix bench/peer ci   # once
#   bench/wrk-intake.sh [--seconds 10] [--threads 2] [--connections 32] [--warmup 0] [--no-peer]
#                       [--jvm-args "-XX:StartFlightRecording=filename=/tmp/intake.jfr,settings=profile"]
set -e
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -f app/target/evalbot.jar ] && [ -f bench/target/benchmarks.jar ] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
exec java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.WrkBench "$@"
