#!/usr/bin/env bash
# Installs Debian's `chromium` package when it is missing: the HTML report test
# (test/report/html-report.browser.test.ts) opens a report in headless Chromium to check it renders.
# Needs root (CI containers run as root); does nothing when chromium is already on PATH.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: chromium is missing and installing it needs root; run: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
