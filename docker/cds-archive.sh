#!/bin/sh
# Writes a class-data sharing archive of the classes evalbot loads to start, accept webhooks and
# review one pull request: one training start in dry-run on a scratch store, the shipped example
# webhooks sent to it, then a clean stop, at which the JVM writes the archive. The Dockerfile runs
# it at image build; a JVM started with -XX:SharedArchiveFile=ARCHIVE maps those classes instead
# of loading, verifying and linking them again (see docs/server.md, "Start-up and memory").
#
#   docker/cds-archive.sh JAR CONFIG_DIR ARCHIVE [PORT]
set -eu
jar=$(realpath "$1"); config=$(realpath "$2"); archive=$(realpath -m "$3"); port=${4:-18089}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
# No JAVA_TOOL_OPTIONS here (the image sets none, but a builder might): it would name another archive.
env -u JAVA_TOOL_OPTIONS EVALBOT_CONFIG="$config" EVALBOT_DB="jdbc:sqlite:$scratch/evalbot.db" EVALBOT_PORT="$port" \
    EVALBOT_HOST=127.0.0.1 EVALBOT_LOG_LEVEL=WARN \
    java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -jar "$jar" serve &
server=$!
tries=0
until env -u JAVA_TOOL_OPTIONS EVALBOT_PORT="$port" java -cp "$jar" dev.evalbot.app.cli.HealthProbe 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || { echo "cds-archive: the training start did not come up" >&2; kill "$server"; exit 1; }
    sleep 0.5
done
env -u JAVA_TOOL_OPTIONS EVALBOT_PORT="$port" java -jar "$jar" send "$config"/examples/github-webhooks/*.json >/dev/null \
    || echo "cds-archive: some example webhooks were refused; the archive holds fewer classes" >&2
# SIGTERM: the server finishes the review in progress, stops, and the JVM writes the archive.
kill -TERM "$server"
wait "$server" || true
[ -s "$archive" ] || { echo "cds-archive: no archive written" >&2; exit 1; }
