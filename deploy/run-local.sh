#!/usr/bin/env bash
# Runs the LMS Imaging Registry on this machine: an embedded PostgreSQL (data kept in .local-data/)
# and Payara Micro with the registry WAR, in demo mode. Prints the URL and the demo accounts when
# the registry is up; Ctrl-C stops everything.
#
#   deploy/run-local.sh [--rebuild] [launcher options]     (see: deploy/run-local.sh --help)
#
# Builds what is missing first (Java 17 is all it needs; the Maven wrapper fetches Maven).
# --rebuild rebuilds even if the artifacts exist, e.g. after changing the sources.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="deploy/target"

rebuild=false
if [[ "${1:-}" == "--rebuild" ]]; then
  rebuild=true
  shift
fi

if $rebuild || [[ ! -f "$target/lms-local.jar" || ! -f "$target/registry-web.war" || ! -f "$target/payara-micro.jar" ]]; then
  echo "Building the registry (the first build downloads dependencies and takes a few minutes) ..." >&2
  # only the modules the local run needs: registry-model, registry-web, deploy
  ./mvnw -q -B -DskipTests -pl deploy -am package
fi

# analysis runs launch the spark-jobs jar; it is big (~280 MB) and slow to shade, so it is built only on request
if [[ ! -f spark-jobs/target/lms-spark-jobs.jar ]]; then
  echo "Note: analyses are off until the Spark jobs jar is built:" >&2
  echo "  ./mvnw -B -DskipTests -pl spark-jobs -am package      (then run this script again)" >&2
fi

java_cmd="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

# exec: the launcher takes this script's PID, so a signal sent to it (Ctrl-C, kill -INT, kill -TERM)
# reaches the launcher, whose shutdown hook stops Payara Micro and PostgreSQL.
# A shell starts background jobs with SIGINT ignored, the JVM would keep ignoring it, and no shell
# can undo that: GNU env (coreutils 8.31+) restores the default so kill -INT works there too.
if env --default-signal=INT true 2>/dev/null; then
  exec env --default-signal=INT "$java_cmd" -jar "$target/lms-local.jar" "$@"
fi
exec "$java_cmd" -jar "$target/lms-local.jar" "$@"
