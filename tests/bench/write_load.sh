#!/bin/bash
# What durability costs: write requests per second with db_synchronous = full (the default: an
# acknowledged write survives a power cut) and normal, at 8 and 32 connections. The load is
# half admin ledger form posts (one contribution each), half incident API writes (Bearer
# token), from write_load.mjs (node, no dependencies) on keep-alive connections.
#
# usage: tests/bench/write_load.sh BINARY [SECONDS]   (default 10 s per run)
# Everything listens on 127.0.0.1; the portal started here is stopped on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:?usage: write_load.sh BINARY [SECONDS]}")
seconds=${2:-10}
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port

echo "| db_synchronous | connections | writes/s | ledger | incidents | failed | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|---|---|"
for sync in full normal; do
  rm -f "$dir"/p.db*
  "$bin" init --demo --db "$dir/p.db" >/dev/null
  printf 'a long benchmark passphrase\n' | "$bin" user add bench --email bench@example.org --admin --password-stdin --db "$dir/p.db" >/dev/null
  CHATIERE_DB_SYNCHRONOUS=$sync CHATIERE_ACCESS_LOG=false CHATIERE_LOG_LEVEL=warn \
    "$bin" serve --db "$dir/p.db" --listen 127.0.0.1:$port --base-url "$base/" 2>"$dir/serve.log" &
  pid=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
  jar=$dir/jar
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode login=bench \
    --data-urlencode "password=a long benchmark passphrase" "$base/login"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/admin/api-tokens" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  token=$(curl -s -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode name=bench "$base/admin/api-tokens" \
    | sed -n 's/.*<code>\([^<]*\)<\/code>.*/\1/p' | head -1)
  cookie=$(awk '$0 !~ /^#/ || $0 ~ /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")
  for c in 8 32; do
    out=$(node "$here/write_load.mjs" "$base" "$c" "$seconds" "$cookie" "$csrf" "$token")
    echo "$out" | python3 -c "import json,sys; r=json.load(sys.stdin); print(f\"| $sync | {r['connections']} | {r['rps']} | {r['ledger']} | {r['incident']} | {r['failed']} | {r['p50_ms']} | {r['p99_ms']} |\")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
