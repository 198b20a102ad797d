#!/usr/bin/env bash
# Runs every test of Muster. On a fresh Debian machine with only the .NET 10 SDK it first installs
# what the tests need (PostgreSQL server binaries, sqlite3, Chromium); the tests then start their
# own throwaway servers on 127.0.0.1. A test whose dependency is missing fails: nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
# The portals' browser tests: Debian's Chromium (Playwright never downloads a browser of its own)
# and npm for axe-core (tests/Muster.Portal.Tests/package-lock.json).
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # The tests make their own clusters; the package need not create or start one.
  $sudo mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
  echo "test.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export MUSTER_PG_BIN="${MUSTER_PG_BIN:-$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -f tests/Muster.Portal.Tests/node_modules/axe-core/axe.min.js ]; then
  echo "test.sh: npm ci (axe-core) in tests/Muster.Portal.Tests"
  (cd tests/Muster.Portal.Tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

dotnet build Muster.slnx -c Release -nologo -clp:ErrorsOnly
dotnet test Muster.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
