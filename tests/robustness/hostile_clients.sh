#!/bin/bash
# Hostile clients against a real portal on 127.0.0.1 (random port, scratch folder), one line
# per check with the measured figure; exit status 1 if any check fails. About 60 s.
#   - 256 idle + 256 slowloris connections held: a visitor's page still answers within 1 s;
#   - floods of wrong passwords (one address, then 4096 addresses through the trusted proxy
#     header): throttling answers 429, pages stay under 1 s, memory stays under 128 MiB;
#   - oversized requests (1 GB announced, 3 MiB sent plain and chunked, 500 headers,
#     10,000 form fields, 100 KB URL), 100-200 times each: a clean 4xx, the connection closed,
#     memory not growing;
#   - request smuggling (Content-Length with Transfer-Encoding, two lengths…): one 400/501
#     answer, connection closed, the request hidden in the body never answered.
# usage: tests/robustness/hostile_clients.sh build/chatiere
# Needs bash, curl and node (built-in modules only).
set -euo pipefail
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
bin=$(realpath "$1")
source "$(dirname "$0")/common.sh"
started=$(date +%s)

"$bin" init --db "$work/p.db" >/dev/null
printf 'member passphrase for tests\n' | "$bin" user add member --email member@example.org --password-stdin --db "$work/p.db" >/dev/null
start_portal "$work/p.db" "$work/portal.log"
echo "portal pid $portal_pid on port $port, memory $(awk '/VmRSS/{printf "%.1f MiB", $2/1024}' /proc/$portal_pid/status)"

status=0
for section in connections flood limits smuggling; do
  timeout 120 node "$here/lib/hostile.mjs" "$port" "$portal_pid" "$section" || status=1
  if ! kill -0 "$portal_pid" 2>/dev/null; then
    check "the portal survives the $section section" 0 "it exited; last log lines: $(tail -3 "$work/portal.log" | tr '\n' ' ')"
    break
  fi
done
check "the portal is still healthy at the end" "$(curl -fs "$base/healthz" >/dev/null && echo 1 || echo 0)" \
  "memory $(awk '/VmRSS/{printf "%.1f MiB", $2/1024}' /proc/$portal_pid/status 2>/dev/null), peak $(awk '/VmHWM/{printf "%.1f MiB", $2/1024}' /proc/$portal_pid/status 2>/dev/null)"
stop_portal
crashes=$(grep -ciE 'unhandled exception|terminate called|segmentation' "$work/portal.log" || true)
check "no crash or unhandled exception in the portal's log" "$([ "$crashes" = 0 ] && echo 1 || echo 0)" "$crashes found"
echo "hostile_clients.sh: $(( $(date +%s) - started )) s"
[ "$status" = 0 ] && [ "$failures" = 0 ]
