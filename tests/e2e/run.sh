#!/bin/bash
# The browser suite: bash tests/e2e/run.sh path/to/chatiere
# Starts the portal on a fresh demo database (an admin and a member added, a fake sendmail
# writing mail to a folder), runs the journeys in Debian's chromium (tests/e2e/journeys/),
# then the Nu HTML Checker on every page they saw; stops the portal; exits 0 only if all pass.
# Needs: chromium, node (>= 18), java, and `npm ci` done in tests/e2e.
# Environment: E2E_SCREENSHOTS (default: e2e-screenshots beside the binary), E2E_TIMEOUT
# (seconds for the journeys, default 480: a guard against a hang, not a target), E2E_KEEP=1 keeps the scratch folder, E2E_CHROMIUM,
# E2E_ONLY=NAME runs only journeys/NAME.test.mjs (while working on one journey).
# E2E_README_SCREENSHOTS=docs/screenshots: instead of the journeys, writes the README's six
# screenshots there (readme-screenshots.mjs); CI does not set it.
set -euo pipefail
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] && [ -x "$1" ] || { sed -n '2,11p' "$0"; exit 2; }
bin=$(realpath "$1")
shots=${E2E_SCREENSHOTS:-$(dirname "$bin")/e2e-screenshots}
budget=${E2E_TIMEOUT:-480}
started=$(date +%s)

for tool in node java "${E2E_CHROMIUM:-/usr/bin/chromium}"; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (bash contrib/dev.sh deps installs it)"; exit 2; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || { echo "e2e: node 18 or later is needed (this one is $(node --version))"; exit 2; }
# Debian 12's node is 18: its test runner has no concurrency or timeout flags (the outer
# `timeout` bounds the run instead).
runner_flags=()
[ "$node_major" -ge 20 ] && runner_flags=(--test-concurrency=2)
[ -d "$here/node_modules/playwright-core" ] || { echo "e2e: run 'npm ci' in tests/e2e first"; exit 2; }

tmp=$(mktemp -d /tmp/chatiere-e2e.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then echo "e2e: scratch folder kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
mkdir -p "$tmp/mail" "$tmp/html"
mkdir -p "$shots" && rm -f "$shots"/*.png "$shots"/server.log

# The portal, on a free loopback port.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port/"
db="$tmp/portal.db"
admin_password='a long admin passphrase'
member_password='an ordinary member passphrase'
"$bin" init --demo --db "$db" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log"; exit 1; }
printf '%s\n' "$admin_password" | "$bin" user add admin --email admin@example.org --admin --password-stdin --db "$db" >/dev/null
printf '%s\n' "$member_password" | "$bin" user add member --email member@example.org --password-stdin --db "$db" >/dev/null
# The sendmail command is split on spaces: use a copy in the scratch folder (no spaces there).
cp "$here/fake-sendmail.sh" "$tmp/sendmail" && chmod +x "$tmp/sendmail"
# Private targets allowed: the Apache journey's back-channel logout URI is on loopback.
CHATIERE_SENDMAIL="$tmp/sendmail $tmp/mail" CHATIERE_WEBHOOK_ALLOW_PRIVATE=true \
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --base-url "$base" >"$tmp/server.log" 2>&1 &
server_pid=$!
ready=0
for _ in $(seq 1 100); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "${base}healthz" 2>/dev/null; then
    ready=1; break
  fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [ "$ready" != 1 ]; then echo "e2e: the portal did not start:"; cat "$tmp/server.log"; exit 1; fi
echo "== e2e: portal at $base (database $db), screenshots in $shots"

export E2E_BIN=$bin E2E_DB=$db E2E_BASE_URL=$base E2E_TMP=$tmp E2E_MAIL_DIR=$tmp/mail E2E_SCREENSHOTS=$shots \
  E2E_ADMIN_PASSWORD=$admin_password E2E_MEMBER_PASSWORD=$member_password
run_tests() {  # run_tests SECONDS NAME FILES...
  local seconds=$1 name=$2; shift 2
  timeout --kill-after=10 "$seconds" node --test "${runner_flags[@]}" \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tmp/$name.tap" "$@"
}
if [ -n "${E2E_README_SCREENSHOTS:-}" ]; then
  # Relative to where run.sh was started, not to tests/e2e.
  E2E_README_SCREENSHOTS=$(realpath -m "$E2E_README_SCREENSHOTS") timeout 120 node "$here/readme-screenshots.mjs"
  exit $?
fi
set +e
if [ -n "${E2E_ONLY:-}" ]; then journey_files=("$here/journeys/$E2E_ONLY.test.mjs"); else journey_files=("$here"/journeys/*.test.mjs); fi
run_tests "$budget" journeys "${journey_files[@]}"
journeys=$?
[ "$journeys" = 124 ] || [ "$journeys" = 137 ] && echo "e2e: the journeys did not finish within $budget s (E2E_TIMEOUT)"
# The Nu HTML Checker on the raw HTML of every page the journeys checked (one Java start).
run_tests 120 html "$here/validate-html.test.mjs"
html=$?
set -e

if [ "$journeys" != 0 ] || [ "$html" != 0 ]; then
  echo "== e2e: last lines of the portal's log:"; tail -n 20 "$tmp/server.log"
  cp "$tmp/server.log" "$shots/server.log"
fi
node "$here/lib/summary.mjs" "$tmp" "$(( $(date +%s) - started ))" "$shots" "$journeys" "$html"
[ "$journeys" = 0 ] && [ "$html" = 0 ]
