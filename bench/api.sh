#!/usr/bin/env bash
# The API benchmark of docs/benchmarks.md ("## API"): a fresh SQLite store with a synthetic register,
# a Release `muster serve` on loopback, and bench/Muster.LoadClient measuring GET /healthz and
# POST /api/border/checks in the same run. Usage: bench/api.sh [PERSONS] [CONCURRENCY] [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-10000} concurrency=${2:-16} seconds=${3:-10} rounds=${4:-2}
root=${MUSTER_BUILD_ROOT:-$PWD/artifacts/bench}
export MUSTER_BUILD_ROOT=$root DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Muster/Muster.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Muster.LoadClient/Muster.LoadClient.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
muster="dotnet $root/bin/Muster/Release/net10.0/muster.dll"
client="dotnet $root/bin/Muster.LoadClient/Release/net10.0/Muster.LoadClient.dll"
work=$(mktemp -d)
db="sqlite:$work/muster.db"
$client facts "$work/facts.jsonl" "$persons"
$muster import --db "$db" "$work/facts.jsonl" >/dev/null
$muster offices add --db "$db" --code MOW-07 --region RU-MOW >/dev/null
key=$($muster keys create --db "$db" --role border --name bench | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# A border post's key must not be throttled by the benchmark itself.
Muster__RequestsPerSecond=10000000 Muster__Burst=10000000 Logging__LogLevel__Default=Warning \
  $muster serve --db "$db" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
$client run --url "http://127.0.0.1:$port" --key "$key" --persons "$persons" --concurrency "$concurrency" --seconds "$seconds" --rounds "$rounds" --server-pid "$server"
