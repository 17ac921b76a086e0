#!/bin/bash
# A new hoster's install, timed, as the README says it — on a fresh Debian 12 only, as root:
#   fresh-debian.sh (the team's throw-away Debian 12 runner) 'bash tests/scripts/fresh_install.sh'
# Runs the README's install command with the base URL http://127.0.0.1:8080/, starts the
# portal as the install command printed, makes the first admin with the README's command, fills
# the identity, the legal notice and two services through the web forms
# (tests/scripts/install_journey.sh), then runs `chatiere profile check --strict` as the README
# shows it, which must report 0 errors and exactly one warning: the base URL is not https.
# Prints a timeline with the load average. Not run by CI: it changes the machine it runs on.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "fresh_install: run it as root, on a throw-away Debian 12"; exit 2; }
fail() { echo "FAIL: $*" >&2; exit 1; }
started=$(date +%s.%N)
timeline=()
mark() {
  local t; t=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
  timeline+=("$(printf '%5s s  %-34s load %s' "$t" "$1" "$(cut -d' ' -f1-3 /proc/loadavg)")")
  echo "== ${timeline[-1]}"
}
mark "start"

# The README's commands, checked to be there as written.
install_line='bash contrib/install.sh --base-url URL'
grep -qF "$install_line" README.md || fail "README's install command changed: update this script"
admin_line="printf '%s\n' 'a long passphrase of yours' | chatiere user add alice --email alice@example.org --admin --password-stdin"
grep -qF "$admin_line" README.md || fail "README's first-admin command changed: update this script"
grep -qF 'chatiere profile check --strict' README.md || fail "README's profile check changed"

bash contrib/install.sh --base-url http://127.0.0.1:8080/ 2>&1 | tee /tmp/install.log
grep -q 'packages (build and run only)' /tmp/install.log || fail "install log"
awk '/^== \[/ { print }' /tmp/install.log
mark "install command done"
# The test's own tools (a server needs neither): curl drives the web forms.
apt-get install -y -qq --no-install-recommends curl >/dev/null
serve=$(sed -n 's/^  \(runuser -u chatiere -- .* serve\)$/\1/p' /tmp/install.log)
[ -n "$serve" ] || fail "the install command printed no foreground command"
$serve >/tmp/serve.log 2>&1 &
for _ in $(seq 100); do curl -fs http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -o /dev/null http://127.0.0.1:8080/ || fail "the homepage"
mark "first page"
eval "$admin_line"
bash tests/scripts/install_journey.sh http://127.0.0.1:8080/ alice 'a long passphrase of yours'
mark "identity, legal notice, 2 services"
set +e
report=$(chatiere profile check --strict)
status=$?
set -e
echo "$report"
mark "profile check"
echo "$report" | tail -1 | grep -qx '0 error(s), 1 warning(s) in 3 file(s).' || fail "expected 0 errors and 1 warning"
echo "$report" | grep -q 'warning: file.url: the portal.s public address http://127.0.0.1:8080/ is plain http' ||
  fail "the one warning is not about the base URL"
[ "$status" = 1 ] || fail "--strict with a warning exits 1 (got $status)"
# The same check from outside, as the directory would see it, passes too but for the address.
chatiere profile check --lang fr http://127.0.0.1:8080/.well-known/chatonsinfos/organization.properties | tail -1
# Run again, the install command upgrades: a backup first, then the build, the migrations.
bash contrib/install.sh 2>&1 | tee /tmp/upgrade.log
grep -q 'backup of the database before the upgrade' /tmp/upgrade.log || fail "the upgrade made no backup"
grep -q 'migrate the database' /tmp/upgrade.log || fail "the upgrade did not migrate"
ls /var/lib/chatiere/backups/before-upgrade-*.db >/dev/null || fail "no backup file"
[ "$(stat -c %U /var/lib/chatiere/chatiere.db)" = chatiere ] || fail "the database no longer belongs to chatiere"
[ "$(stat -c %a:%G /etc/chatiere/chatiere.toml)" = 640:chatiere ] || fail "the configuration's mode or group"
mark "upgrade (second run)"
curl -fsS -o /dev/null http://127.0.0.1:8080/ || fail "the portal still serves after the upgrade"
echo
echo "timeline (seconds since the start, 1/5/15-minute load average):"
printf '%s\n' "${timeline[@]}"
echo "fresh_install: all checks passed"
