#!/usr/bin/env bash
# README's test command: installs the Debian packages some tests need when they are missing
# (DICOM readers, Orthanc, Chromium: .ci/install-test-deps.sh), then runs every test of
# every module with the Maven wrapper. Extra arguments go to Maven (CI passes -B -ntp).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
  echo "Java 17 is required (apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi
bash .ci/install-test-deps.sh
exec ./mvnw verify "$@"
