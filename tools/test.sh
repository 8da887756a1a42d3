#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run the whole suite.
#   bash tools/test.sh [pytest args]
# System packages (Chromium for the browser tests, Java for the Nu HTML checker) are
# installed with apt when missing; that step needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements-test.txt -c constraints.txt -e .
npm install --ignore-scripts --no-audit --no-fund --silent   # vnu-jar only: its postinstall would download a JDK

exec .venv/bin/python -m pytest "$@"
