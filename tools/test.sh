#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run the whole suite.
#   bash tools/test.sh [pytest args]
# System packages (Chromium for the browser tests, Java for the Nu HTML checker) are
# installed with apt when missing; that step needs root (or sudo).
#
# Without arguments (CI, .ci/run): one full build of the site with the tests' site address,
# timed; then the whole suite on both cores (pytest-xdist), whose read-only tests use that
# build (KZ_BUILT_SITE); then the run's time as a multiple of that build's. Hypothesis runs
# its thorough profile (HYPOTHESIS_PROFILE=thorough; plain pytest runs the quick one).
# With arguments: pytest with them (and -n 2), the tests building what they need. A worker
# that runs out of tests takes some of the other's (--dist worksteal): the run does not end
# with one core idle.
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

export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-thorough}"
if (($#)); then
  exec .venv/bin/python -m pytest -n 2 --dist worksteal "$@"
fi

run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
address=$(.venv/bin/python -c 'from tests.conftest import ADDRESS; print(ADDRESS)')
load() { cut -d' ' -f1-3 /proc/loadavg; }  # other work on the machine slows both phases
echo "tools/test.sh: timing one full build (load average $(load))"
started=$(date +%s.%N)
if ! SITE_URL="$address" NO_MKDOCS_2_WARNING=1 .venv/bin/python tools/build_site.py --site-dir "$run/site" >"$run/build.log" 2>&1; then
  cat "$run/build.log"
  exit 1
fi
built=$(date +%s.%N)
status=0
KZ_BUILT_SITE="$run/site" .venv/bin/python -m pytest -n 2 --dist worksteal || status=$?
ended=$(date +%s.%N)
awk -v s="$started" -v b="$built" -v e="$ended" -v l="$(load)" 'BEGIN {
  printf "tools/test.sh: one full build %.0f s; build and tests %.0f s = %.1f builds (load average %s)\n",
         b - s, e - s, (e - s) / (b - s), l }'
exit "$status"
