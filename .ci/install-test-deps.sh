#!/usr/bin/env bash
# Debian packages the tests need besides Java: independent DICOM readers that the etl tests use to
# check de-identified copies (python3-pydicom for /usr/bin/python3, dcmtk for dcmdump), a PACS and a
# headless browser (below).
# Idempotent: installs only what is missing, runs apt-get update only when a package cannot be
# installed from the current package lists, and does nothing when everything is installed.
set -euo pipefail

PACKAGES=(python3-pydicom dcmtk)
# a real site PACS for 'etl dicom --from-dicomweb' tests (the tests start their own on loopback)
PACKAGES+=(orthanc orthanc-dicomweb)
# headless browser tests of the web pages (registry-web)
PACKAGES+=(chromium chromium-driver)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-test-deps: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-test-deps: installing ${missing[*]}" >&2
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
# the package enables a system Orthanc listening on every interface; the tests need none of it
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled --quiet orthanc 2>/dev/null; then
  $sudo systemctl disable --now orthanc >/dev/null 2>&1 || true
fi
