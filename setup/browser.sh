#!/usr/bin/env bash
# The browser of the end-to-end tests (src/test/java/io/xphoto/webclient): Debian's chromium and its
# chromedriver, installed with apt-get when missing (as root, or with sudo). Never a browser download of a
# test tool (and a Chinese font, so that screenshots are readable). Fails (exit 1), never skips, when they cannot be installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
  echo "setup/browser.sh: chromium and chromedriver are missing and this user cannot install them:" \
       "run 'apt-get install chromium chromium-driver' as root" >&2
  exit 1
fi
echo "setup/browser.sh: installing Debian's chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-wqy-microhei >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
  echo "setup/browser.sh: chromium or chromedriver still missing after apt-get" >&2
  exit 1
}
