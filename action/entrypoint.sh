#!/bin/sh
# evalbot's GitHub Action (see action.yml): validates the paths of the `paths` input and prints the
# findings in the `format` input; `github` makes them annotations on the workflow run.
# Exit status is evalbot's: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O problem.
# EVALBOT names the command to run (default: the jar of the project's Docker image), so that the
# script can be tried outside the image.
set -u

evalbot=${EVALBOT:-java -jar /app/evalbot.jar}
paths=${INPUT_PATHS:-.}
format=${INPUT_FORMAT:-github}
config=${INPUT_CONFIG:-}

case "$format" in
  text|json|sarif|markdown|github) ;;
  *)
    echo "::error title=evalbot::the format input must be one of text, json, sarif, markdown, github; got '$format'" >&2
    exit 2
    ;;
esac

# Paths given as arguments win; else the paths input, a whitespace-separated list (one per line
# reads best in YAML). No globbing: a path is passed as written.
if [ "$#" -eq 0 ]; then
  set -f
  # shellcheck disable=SC2086
  set -- $paths
  set +f
fi
if [ "$#" -eq 0 ]; then
  set -- .
fi

if [ -n "$config" ]; then
  # shellcheck disable=SC2086
  exec $evalbot validate --offline --config "$config" --format "$format" "$@"
fi
# shellcheck disable=SC2086
exec $evalbot validate --offline --format "$format" "$@"
