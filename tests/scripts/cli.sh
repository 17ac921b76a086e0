#!/bin/bash
# The command line as an admin uses it: --help, --version, init, migrate, backup, config, seed,
# user, ledger, incident.
set -eu
bin=$(realpath "$1")
dir=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# The machine's own configuration (/etc/chatiere) must not leak into the tests.
export CHATIERE_CONFIG=

"$bin" --version | grep -qx 'chatiere [0-9.]*' || fail "--version"
"$bin" --help | grep -q 'init' || fail "--help lists init"
for cmd in init migrate serve backup config; do
  "$bin" "$cmd" --help >/dev/null || fail "$cmd --help"
  "$bin" --help | grep -q "^  $cmd" || fail "--help lists $cmd"
done
"$bin" migrate --db "$dir/none.db" 2>&1 | grep -q 'chatiere init' || fail "migrate on a missing database says what to do"
"$bin" init --demo --db "$dir/x.db" | grep -q 'demo' || fail "init --demo"
"$bin" init --demo --db "$dir/x.db" | grep -q 'already' || fail "init --demo twice"
"$bin" migrate --db "$dir/x.db" | grep -q 'already at the latest' || fail "migrate up to date"
out=$("$bin" backup --db "$dir/x.db" "$dir/copy.db" 2>&1) || fail "backup: $out"
echo "$out" | grep -q 'ledger entries verified) in [0-9.]* s' || fail "backup says how long it took: $out"
[ ! -e "$dir/copy.db.partial" ] && [ ! -e "$dir/copy.db-journal" ] || fail "backup leaves no partial file"
[ "$(sqlite3 "$dir/copy.db" 'PRAGMA journal_mode')" = delete ] || fail "the backup is one self-contained file"
[ "$(sqlite3 "$dir/copy.db" 'SELECT count(*) FROM services')" -ge 5 ] || fail "backup holds the services"
"$bin" backup --db "$dir/x.db" "$dir/copy.db" 2>&1 | grep -q 'already exists' || fail "backup refuses to overwrite"
out=$("$bin" config --listen nonsense 2>&1) && fail "bad --listen accepted"
echo "$out" | grep -q 'listen:' || fail "bad value names the key: $out"
CHATIERE_MAX_THREADS=abc "$bin" config 2>&1 | grep -q 'max_threads:' || fail "bad env value names the key"
CHATIERE_MAX_THREADS=77 "$bin" config | grep -qx 'max_threads = 77' || fail "env override"
printf 'metrics-token-from-a-file-0123\n' > "$dir/metrics-token"
out=$(CHATIERE_METRICS_TOKEN_FILE="$dir/metrics-token" "$bin" config)
echo "$out" | grep -qx 'metrics_token = "(set, not shown)"' || fail "config hides the metrics token read from its _FILE"
echo "$out" | grep -q 'metrics-token-from-a-file' && fail "config printed the metrics token"
sqlite3 "$dir/x.db" 'PRAGMA user_version = 999'
"$bin" serve --db "$dir/x.db" --listen 127.0.0.1:0 2>&1 | grep -q 'newer than this chatiere' || fail "newer database refused"

# seed: fictional data at a small scale; the ledger chain stays valid and the pages answer.
"$bin" seed --help | grep -q -- '--force' || fail "seed --help explains --force"
"$bin" --help | grep -q '^  seed' || fail "--help lists seed"
"$bin" seed --db "$dir/none.db" 2>&1 | grep -q 'chatiere init' || fail "seed on a missing database says what to do"
"$bin" init --db "$dir/s.db" >/dev/null
printf 'seeded passphrase 42\n' | "$bin" seed --db "$dir/s.db" --members 200 --services 20 --incidents 50 --ledger 500 \
  --password-stdin >"$dir/seed.out" 2>"$dir/seed.err" || fail "seed: $(cat "$dir/seed.err")"
for phase in services members memberships incidents ledger requests; do
  grep -q "seed: $phase 100% " "$dir/seed.err" || fail "seed shows the progress of $phase"
done
grep -q '200 members' "$dir/seed.out" || fail "seed says what it added: $(cat "$dir/seed.out")"
count() { sqlite3 "$dir/s.db" "$1"; }
[ "$(count 'SELECT count(*) FROM members')" -eq 200 ] || fail "seed adds the members"
[ "$(count 'SELECT count(*) FROM services')" -eq 20 ] || fail "seed adds the services"
[ "$(count 'SELECT count(*) FROM incidents')" -eq 50 ] || fail "seed adds the incidents"
[ "$(count 'SELECT count(*) FROM incident_updates')" -gt 50 ] || fail "incidents have updates"
[ "$(count "SELECT count(*) FROM incidents WHERE closes_at > strftime('%s', 'now')")" -eq 4 ] ||
  fail "two incidents open and two maintenance windows to come"
[ "$(count 'SELECT count(DISTINCT member_id) FROM member_services')" -ge 150 ] || fail "members use services"
[ "$(count 'SELECT count(DISTINCT password_hash) FROM members')" -eq 1 ] || fail "one shared password hash"
"$bin" ledger verify --db "$dir/s.db" | grep -q '^ok: 500 entries' || fail "seeded ledger verifies"
# Membership fees linked to the seeded members, in the ledger's 500 entries: every state of the
# register occurs, and some fees are below the minimum the seed sets.
[ "$(count "SELECT count(DISTINCT member_id) FROM ledger_entries WHERE kind = 'membership_fee'")" -ge 100 ] ||
  fail "seed links membership fees to members"
states=$("$bin" member list --db "$dir/s.db" | cut -f2 | sort -u | tr '\n' ' ')
[ "$states" = "grace honorary lapsed member none renewal_due " ] || fail "seed gives every membership state: $states"
[ "$(count "SELECT value FROM settings WHERE key = 'membership.minimum_fee'")" = 500 ] || fail "seed sets a minimum fee"
[ "$(count "SELECT count(*) FROM ledger_entries WHERE kind = 'membership_fee' AND member_id IS NOT NULL
  AND amount BETWEEN 1 AND 499")" -ge 1 ] || fail "seed records fees below the minimum"
[ "$(count "SELECT count(*) FROM service_requests WHERE state = 'approved' AND identifier <> ''")" -ge 1 ] ||
  fail "seed adds service requests"
"$bin" seed --db "$dir/s.db" --members 10 --services 2 --incidents 5 --ledger 20 >/dev/null 2>&1 || fail "seed again"
[ "$(count 'SELECT count(*) FROM members')" -eq 210 ] || fail "a second seed numbers on"
"$bin" ledger verify --db "$dir/s.db" | grep -q '^ok: 520 entries' || fail "the ledger verifies after a second seed"
"$bin" init --demo --db "$dir/d.db" >/dev/null
"$bin" seed --db "$dir/d.db" --members 20 --services 3 --incidents 6 --ledger 100 >/dev/null 2>&1 || fail "seed the demo"
"$bin" ledger verify --db "$dir/d.db" | grep -q '^ok: ' || fail "the demo's ledger verifies after seeding"
printf 'a real passphrase\n' | "$bin" user add alice --email alice@chaton.fr --password-stdin --db "$dir/d.db" >/dev/null
# A password set from the shell ends the reset links (issue 13) and tells the member.
"$bin" user add bob --email bob@chaton.fr --db "$dir/d.db" | grep -q 'password/reset?token=' || fail "user add prints a link"
printf 'another real passphrase\n' | "$bin" user password bob --db "$dir/d.db" >/dev/null || fail "user password"
[ "$(sqlite3 "$dir/d.db" "SELECT count(*) FROM one_time_tokens WHERE kind = 'reset' AND used_at IS NULL")" = 0 ] ||
  fail "user password ends the reset links"
[ "$(sqlite3 "$dir/d.db" "SELECT count(*) FROM outbox WHERE to_addr = 'bob@chaton.fr'")" = 1 ] ||
  fail "user password tells the member"
out=$("$bin" seed --db "$dir/d.db" --members 1 --services 0 --incidents 0 --ledger 0 2>&1) && fail "seed a real database"
echo "$out" | grep -q -- '--force' || fail "seed refusal names --force: $out"
"$bin" seed --db "$dir/d.db" --members 1 --services 0 --incidents 0 --ledger 0 --force >/dev/null 2>&1 ||
  fail "seed --force"
# The seeded portal serves its pages, and a seeded member logs in with the shared password.
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
CHATIERE_ACCESS_LOG=false "$bin" serve --db "$dir/s.db" --listen 127.0.0.1:$port --base-url $base/ 2>"$dir/serve.log" &
server=$!
for _ in $(seq 100); do curl -fs $base/healthz >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs $base/contributions | grep -q '<h1' || fail "/contributions of the seeded database"
curl -fs $base/status | grep -q 'nuage-' || fail "/status lists the seeded services"
login=$(count "SELECT m.name FROM members m JOIN member_services s ON s.member_id = m.id WHERE m.status = 'active' LIMIT 1")
curl -fs -c "$dir/jar" $base/login > "$dir/form"
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$dir/form" | head -1)
[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$dir/jar" -c "$dir/jar" --data-urlencode "_csrf=$csrf" \
  --data-urlencode "login=$login" --data-urlencode 'password=seeded passphrase 42' $base/login)" = 303 ] ||
  fail "a seeded member logs in"
curl -fs -b "$dir/jar" $base/account | grep -q "$login" || fail "/account shows the seeded member's services"
kill "$server"; wait "$server" 2>/dev/null && rc=0 || rc=$?; server=
[ "$rc" = 0 ] || fail "serve stops cleanly on SIGTERM (exit status $rc)"
grep -q 'received SIGTERM, stopping' "$dir/serve.log" && grep -q 'info stopped' "$dir/serve.log" || fail "serve logs its stop"

# The access log is written in batches, yet every line is there once the portal has stopped.
"$bin" serve --db "$dir/s.db" --listen 127.0.0.1:$port --base-url $base/ 2>"$dir/access.log" &
server=$!
for _ in $(seq 100); do curl -fs $base/healthz >/dev/null 2>&1 && break; sleep 0.05; done
for _ in $(seq 20); do curl -fs -o /dev/null $base/contributions; done
kill "$server"; wait "$server" 2>/dev/null && rc=0 || rc=$?; server=
[ "$rc" = 0 ] || fail "serve with the access log stops cleanly (exit status $rc)"
[ "$(grep -c 'GET /contributions 200' "$dir/access.log")" = 20 ] || fail "the access log has every request"
# Every command finds the installed database: the config file named by CHATIERE_CONFIG (the
# installed /etc/chatiere/chatiere.toml otherwise) gives the db; --db and --config are in every
# command's help; a command that needs a database never creates one.
for cmd in "user add" "user list" "user password" "ledger verify" "ledger add" "profile check" "backup" "migrate" "seed"; do
  # shellcheck disable=SC2086
  help=$("$bin" $cmd --help)
  echo "$help" | grep -q -- '--db' && echo "$help" | grep -q -- '--config' || fail "$cmd --help shows --db and --config"
done
printf 'db = "%s"\nbase_url = "https://chaton.example/"\n' "$dir/d.db" >"$dir/chatiere.toml"
CHATIERE_CONFIG="$dir/chatiere.toml" "$bin" user list | grep -q 'alice' || fail "CHATIERE_CONFIG names the config file"
(cd "$dir" && mkdir -p elsewhere && cd elsewhere &&
  printf 'another long passphrase\n' | CHATIERE_CONFIG="$dir/chatiere.toml" "$bin" user add dominique --email dominique@chaton.fr \
    --admin --password-stdin >/dev/null) || fail "user add with the config's database"
[ ! -e "$dir/elsewhere/chatiere.db" ] || fail "user add created a database in the current directory"
[ "$(sqlite3 "$dir/d.db" "SELECT role FROM members WHERE name = 'dominique'")" = admin ] || fail "the admin went into the config's database"
for cmd in "user list" "profile check" "ledger verify" "ledger head"; do
  # shellcheck disable=SC2086
  out=$(cd "$dir/elsewhere" && "$bin" $cmd 2>&1) && fail "$cmd on a missing database succeeded"
  echo "$out" | grep -q "no database at $dir/elsewhere/chatiere.db: run chatiere init, or pass --db" ||
    fail "$cmd on a missing database says what to do: $out"
  [ ! -e "$dir/elsewhere/chatiere.db" ] || fail "$cmd created a database"
done
out=$(printf 'x\n' | "$bin" user add carol --email c@chaton.fr --password-stdin --db "$dir/nowhere.db" 2>&1) &&
  fail "user add on a missing database succeeded"
[ ! -e "$dir/nowhere.db" ] || fail "user add created a database"
out=$(CHATIERE_CONFIG="$dir/missing.toml" "$bin" config 2>&1) && fail "a missing CHATIERE_CONFIG file is accepted"
echo "$out" | grep -q "missing.toml" || fail "a missing config file is named: $out"
CHATIERE_CONFIG="$dir/chatiere.toml" "$bin" profile check --lang en | grep -q '0 error(s)' || fail "profile check with the config"

# oidc (issue 17): signing keys from init, a client added for scripts, listed, new secret,
# rotated keys, removed; bad input refused with the reason.
"$bin" init --demo --db "$dir/o.db" | grep -q 'OpenID Connect signing keys' || fail "init says it made the OpenID Connect keys"
[ "$(sqlite3 "$dir/o.db" "SELECT count(*) FROM oidc_keys WHERE retired_at IS NULL")" = 2 ] || fail "init made the RS256 and EdDSA keys"
out=$("$bin" oidc client add Nuage --redirect-uri https://cloud.example.org/apps/user_oidc/code --service cloud --group cloud --db "$dir/o.db") ||
  fail "oidc client add: $out"
client_id=$(echo "$out" | sed -n 's/^client_id=//p')
echo "$out" | grep -qx 'client_secret=[A-Za-z0-9_-]\{43\}' || fail "oidc client add prints client_secret= on its own line: $out"
[ -n "$client_id" ] || fail "oidc client add prints client_id= on its own line: $out"
secret=$(echo "$out" | sed -n 's/^client_secret=//p')
sqlite3 "$dir/o.db" "SELECT secret_hash FROM oidc_clients" | grep -q "$secret" && fail "the client secret is stored as it is"
"$bin" oidc client list --db "$dir/o.db" | grep -q "^$client_id"$'\t'"Nuage" || fail "oidc client list"
"$bin" oidc client rotate-secret "$client_id" --db "$dir/o.db" | grep -q '^client_secret=' || fail "oidc client rotate-secret"
out=$("$bin" oidc client add Bad --redirect-uri http://cloud.example.org/cb --db "$dir/o.db" 2>&1) && fail "an http redirect URI off loopback is accepted"
echo "$out" | grep -q 'loopback' || fail "the refusal says why: $out"
"$bin" oidc client add Public --redirect-uri http://127.0.0.1:8000/cb --public --alg EdDSA --db "$dir/o.db" | grep -q '^client_secret=' &&
  fail "a public client got a secret"
"$bin" oidc rotate-keys --db "$dir/o.db" | grep -c '^kid=' | grep -qx 2 || fail "oidc rotate-keys"
[ "$(sqlite3 "$dir/o.db" "SELECT count(*) FROM oidc_keys")" = 4 ] || fail "rotate-keys keeps the previous keys"
"$bin" oidc client remove "$client_id" --db "$dir/o.db" | grep -q removed || fail "oidc client remove"
"$bin" oidc client list --db "$dir/o.db" | grep -q "$client_id" && fail "a removed client is listed"

# incident (issue 16): the admin form's actions from the shell. Each prints the id alone on its
# last line, writes the row, the audit line (as cli:<unix user>), the members' mail and the
# webhook deliveries; bad input is refused naming the option, with nothing written.
i="$dir/i.db"
"$bin" init --demo --db "$i" >/dev/null
sqlite3 "$i" "INSERT INTO webhooks (url, secret, created_at) VALUES ('https://hooks.example/in', 's3cret', 0)"
q() { sqlite3 "$i" "$1"; }
me="cli:$(id -un)"
"$bin" --help | grep -q '^  incident' || fail "--help lists incident"
"$bin" incident --help | grep -q 'cli:<unix user>' || fail "incident --help names the audit actor"
help=$("$bin" incident open --help)
for opt in --title --service --impact --body --kind --start --end --db --config; do
  echo "$help" | grep -q -- "$opt " || fail "incident open --help documents $opt"
done
echo "$help" | grep -q 'degraded_performance, partial_outage or major_outage' || fail "incident open --help lists the effects"
"$bin" incident update --help | grep -q -- '--state' || fail "incident update --help documents --state"
"$bin" incident resolve --help | grep -q -- '--body' || fail "incident resolve --help documents --body"
snapshot() {
  q "SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM incident_updates), (SELECT count(*) FROM audit_log),
            (SELECT count(*) FROM outbox), (SELECT count(*) FROM webhook_deliveries),
            (SELECT group_concat(state || effect) FROM incidents JOIN incident_services ON incident_id = id)"
}
refused() {  # what the message must name, then the incident command
  local expect=$1 before out
  shift
  before=$(snapshot)
  out=$("$bin" incident "$@" --db "$i" 2>&1) && fail "incident $* accepted: $out"
  echo "$out" | grep -q -- "$expect" || fail "incident $* names $expect: $out"
  echo "$out" | grep -q 'nothing was written' || fail "incident $* says nothing was written: $out"
  [ "$(snapshot)" = "$before" ] || fail "incident $* wrote something"
}
recipients() { q "SELECT count(DISTINCT m.id) FROM members m JOIN member_services ms ON ms.member_id = m.id
                  JOIN services s ON s.id = ms.service_id WHERE s.slug IN ($1) AND m.status = 'active' AND m.notify_incidents"; }
mails=$(q "SELECT count(*) FROM outbox")
out=$("$bin" incident open --db "$i" --title "Mail is slow" --service mail=degraded_performance \
  --service cloud=major_outage --impact major --body "Looking into it") || fail "incident open: $out"
id=$(echo "$out" | tail -1)
[[ "$id" =~ ^[0-9]+$ ]] || fail "incident open prints the id on its last line: $out"
[ "$(q "SELECT kind || '|' || title || '|' || impact || '|' || state FROM incidents WHERE id = $id")" = \
  "incident|Mail is slow|major|investigating" ] || fail "incident open writes the incident"
[ "$(q "SELECT group_concat(slug || '=' || effect) FROM (SELECT s.slug, i.effect FROM incident_services i
       JOIN services s ON s.id = i.service_id WHERE incident_id = $id ORDER BY s.slug)")" = "cloud=major_outage,mail=degraded" ] ||
  fail "incident open touches the services with their effects"
[ "$(q "SELECT body FROM incident_updates WHERE incident_id = $id")" = "Looking into it" ] || fail "incident open --body"
[ "$(q "SELECT actor || '|' || action || '|' || details FROM audit_log WHERE target = 'incident:$id'")" = \
  "$me|incident.open|Mail is slow" ] || fail "incident open is audited as $me"
expected=$(recipients "'mail', 'cloud'")
[ "$expected" -gt 0 ] || fail "the demo has members on mail and cloud"
[ "$(q "SELECT count(*) FROM outbox")" = $((mails + expected)) ] || fail "incident open mails the $expected members"
[ "$(q "SELECT count(*) FROM outbox WHERE subject LIKE '%Mail is slow%' AND body LIKE '%/status/incidents/$id%'")" = "$expected" ] ||
  fail "the mail names the incident and links to it"
[ "$(q "SELECT count(*) FROM webhook_deliveries WHERE payload LIKE '{\"event\":\"incident.opened\"%' AND payload LIKE '%Mail is slow%'")" = 1 ] ||
  fail "incident open queues the webhook"

refused "--title" open --title "" --service mail=partial_outage
refused "--impact" open --title X --impact huge --service mail=partial_outage
refused "--state" open --title X --state resolved --service mail=partial_outage
refused "--service" open --title X
refused "--service \"nosuch=major_outage\"" open --title X --service nosuch=major_outage
refused "--service \"mail=broken\"" open --title X --service mail=broken
refused "--kind" open --kind outage --title X --service mail=major_outage
refused "--start" open --kind maintenance --title M --service cloud --start tomorrow --end 2030-01-05T23:00Z
refused "--end" open --kind maintenance --title M --service cloud --start 2030-01-05T21:00Z --end 2030-01-05T20:00Z
refused "--end" open --kind maintenance --title M --service cloud --start 2030-01-05T21:00Z
refused "--service" open --kind maintenance --title M --start 2030-01-05T21:00Z --end 2030-01-05T23:00Z

mails=$(q "SELECT count(*) FROM outbox")
out=$("$bin" incident open --kind maintenance --title "Cloud upgrade" --service cloud --start 2030-01-05T21:00Z \
  --end 2030-01-05T23:00+01:00 --body "Nextcloud 30" --db "$i") || fail "incident open --kind maintenance: $out"
m=$(echo "$out" | tail -1)
[[ "$m" =~ ^[0-9]+$ ]] && [ "$m" != "$id" ] || fail "maintenance prints its id: $out"
[ "$(q "SELECT kind || '|' || state || '|' || impact || '|' || scheduled_start || '|' || scheduled_end FROM incidents WHERE id = $m")" = \
  "maintenance|scheduled|none|$(date -u -d 2030-01-05T21:00Z +%s)|$(date -u -d 2030-01-05T22:00Z +%s)" ] ||
  fail "the maintenance's window: $(q "SELECT * FROM incidents WHERE id = $m")"
[ "$(q "SELECT actor || '|' || action FROM audit_log WHERE target = 'incident:$m'")" = "$me|maintenance.schedule" ] ||
  fail "the maintenance is audited"
[ "$(q "SELECT count(*) FROM outbox")" = $((mails + $(recipients "'cloud'"))) ] || fail "the maintenance is mailed"
[ "$(q "SELECT count(*) FROM webhook_deliveries WHERE payload LIKE '{\"event\":\"maintenance.scheduled\"%'")" = 1 ] ||
  fail "the maintenance queues the webhook"

mails=$(q "SELECT count(*) FROM outbox")
hooks=$(q "SELECT count(*) FROM webhook_deliveries")
out=$("$bin" incident update "$id" --state identified --body "Found it" --service mail=operational \
  --service discussion=partial_outage --db "$i") || fail "incident update: $out"
[ "$(echo "$out" | tail -1)" = "$id" ] || fail "incident update prints the id: $out"
[ "$(q "SELECT state FROM incidents WHERE id = $id")" = identified ] || fail "incident update --state"
[ "$(q "SELECT group_concat(slug || '=' || effect) FROM (SELECT s.slug, i.effect FROM incident_services i
       JOIN services s ON s.id = i.service_id WHERE incident_id = $id ORDER BY s.slug)")" = \
  "cloud=major_outage,discussion=partial_outage,mail=operational" ] || fail "incident update --service"
[ "$(q "SELECT actor || '|' || action || '|' || details FROM audit_log WHERE target = 'incident:$id' ORDER BY id DESC LIMIT 1")" = \
  "$me|incident.update|identified" ] || fail "incident update is audited"
[ "$(q "SELECT count(*) FROM outbox")" = "$mails" ] || fail "an update mails no one (as on the web)"
[ "$(q "SELECT count(*) FROM webhook_deliveries")" = $((hooks + 1)) ] &&
  [ "$(q "SELECT payload LIKE '{\"event\":\"incident.updated\"%' FROM webhook_deliveries ORDER BY id DESC LIMIT 1")" = 1 ] ||
  fail "incident update queues the webhook"
refused "--state" update "$id" --state investigating --body "back"
refused "--body" update "$id" --state monitoring
refused "--service" update "$id" --body x --service mail=sideways
refused "no incident has the id 9999" update 9999 --body x

out=$("$bin" incident resolve "$id" --body "Fixed" --db "$i") || fail "incident resolve: $out"
[ "$(echo "$out" | tail -1)" = "$id" ] || fail "incident resolve prints the id: $out"
[ "$(q "SELECT state || '|' || (resolved_at IS NOT NULL) FROM incidents WHERE id = $id")" = "resolved|1" ] ||
  fail "incident resolve"
[ "$(q "SELECT actor || '|' || action FROM audit_log WHERE target = 'incident:$id' ORDER BY id DESC LIMIT 1")" = \
  "$me|incident.resolve" ] || fail "incident resolve is audited"
expected=$(recipients "'mail', 'cloud', 'discussion'")
[ "$(q "SELECT count(*) FROM outbox WHERE body LIKE '%/status/incidents/$id%'")" -gt 0 ] &&
  [ "$(q "SELECT count(*) FROM outbox")" = $((mails + expected)) ] || fail "incident resolve mails the members"
[ "$(q "SELECT payload LIKE '{\"event\":\"incident.resolved\"%' FROM webhook_deliveries ORDER BY id DESC LIMIT 1")" = 1 ] ||
  fail "incident resolve queues the webhook"
refused "--state" resolve "$id"
refused "--state" update "$id" --body "after the end"
out=$("$bin" incident resolve "$m" --db "$i") && [ "$(echo "$out" | tail -1)" = "$m" ] || fail "a maintenance completes: $out"
[ "$(q "SELECT state FROM incidents WHERE id = $m")" = completed ] || fail "resolve completes a maintenance"

# ledger verify (issue 16): one verdict with the admin page, on a database it never changes.
l="$dir/l.db"
"$bin" init --demo --db "$l" >/dev/null
"$bin" ledger head --publish --db "$l" >/dev/null
"$bin" ledger verify --db "$l" | grep -q '^ok: ' || fail "ledger verify of the demo"
# Read-only: the file 0444 in a folder no one may write to; run as root, the command acts as the
# file's owner, so the file goes to nobody for the check to mean something.
ro="$dir/ro"
mkdir "$ro"
sqlite3 "$l" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$l" "$ro/l.db"
chmod 0444 "$ro/l.db"
if [ "$(id -u)" = 0 ]; then chown -R nobody "$ro"; chmod 0711 "$dir"; fi
chmod 0555 "$ro"
sum=$(sha256sum "$ro/l.db")
mtime=$(stat -c %Y.%y "$ro/l.db")
out=$("$bin" ledger verify --db "$ro/l.db" 2>&1) || fail "ledger verify of a read-only database: $out"
echo "$out" | grep -q '^ok: ' || fail "ledger verify of a read-only database: $out"
[ "$(sha256sum "$ro/l.db")" = "$sum" ] && [ "$(stat -c %Y.%y "$ro/l.db")" = "$mtime" ] ||
  fail "ledger verify changed the database"
[ "$(ls "$ro")" = l.db ] || fail "ledger verify left files beside the database: $(ls "$ro")"
chmod 0755 "$ro"
# It does not migrate: an older schema is refused, and stays as it was.
cp "$l" "$dir/old.db"
sqlite3 "$dir/old.db" 'PRAGMA user_version = 8'
out=$("$bin" ledger verify --db "$dir/old.db" 2>&1) && fail "ledger verify accepted an older schema"
echo "$out" | grep -q 'run chatiere migrate first' || fail "ledger verify says how to bring an older schema up: $out"
[ "$(sqlite3 "$dir/old.db" 'PRAGMA user_version')" = 8 ] || fail "ledger verify migrated the database"
sqlite3 "$dir/old.db" 'PRAGMA user_version = 999'
"$bin" ledger verify --db "$dir/old.db" 2>&1 | grep -q 'newer than this chatiere' || fail "ledger verify of a newer schema"
# BROKEN: the published head is gone although the chain still holds (what the admin page missed)…
last=$(sqlite3 "$l" 'SELECT max(id) FROM ledger_entries')
sqlite3 "$l" "DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE id = $last"
out=$("$bin" ledger verify --db "$l") && fail "ledger verify accepted a log without its published head"
[ "$out" = "BROKEN: the head published for entry #$last is no longer in the log (entries were removed or rewritten)" ] ||
  fail "ledger verify names the lost published head: $out"
# …an entry changed, and one removed from the middle.
sqlite3 "$l" "DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount = amount + 1 WHERE id = 3"
out=$("$bin" ledger verify --db "$l") && fail "ledger verify accepted a changed entry"
[ "$out" = "BROKEN at entry #3: its content no longer matches its hash (it was changed)" ] ||
  fail "ledger verify names the changed entry: $out"
sqlite3 "$l" "DELETE FROM ledger_entries WHERE id IN (2, 3)"
out=$("$bin" ledger verify --db "$l") && fail "ledger verify accepted a removed entry"
[ "$out" = "BROKEN at entry #4: it does not follow the entry before it (an earlier entry was changed or removed)" ] ||
  fail "ledger verify names the entry after a removed one: $out"

# member list (issue 18): the register from the fees in the ledger, one tab-separated line per
# account (log-in, state, last day or -). Dates are counted back from today, far enough from
# each window's edge that the zone and leap years cannot move a state.
m="$dir/m.db"
"$bin" init --db "$m" >/dev/null
for who in ana ben cleo dan eve fay; do
  printf 'a long passphrase\n' | "$bin" user add "$who" --email "$who@chaton.fr" --password-stdin --db "$m" >/dev/null
done
ago() { date -u -d "$1 days ago" +%F; }
fee() { "$bin" ledger add --kind membership_fee --amount 15.00 --member "$1" --date "$2" --db "$m" >/dev/null || fail "ledger add fee for $1"; }
fee ana "$(ago 10)"   # member
fee ben "$(ago 350)"  # last day in 14 or 15 days: renewal due
fee cleo "$(ago 380)" # ended 15 or 16 days ago: grace
fee dan "$(ago 400)"  # ended 35 or 36 days ago: lapsed
fee eve "$(ago 20)"
"$bin" ledger add --corrects "$(sqlite3 "$m" "SELECT max(id) FROM ledger_entries")" --note 'wrong member' --db "$m" >/dev/null ||
  fail "ledger add --corrects"
sqlite3 "$m" "UPDATE members SET honorary = 1 WHERE name = 'fay'"
out=$("$bin" member list --db "$m") || fail "member list: $out"
expected=$(printf '%s\t%s\t%s\n' ana member "$(date -u -d "$(ago 10) + 1 year - 1 day" +%F)" ben renewal_due \
  "$(date -u -d "$(ago 350) + 1 year - 1 day" +%F)" cleo grace "$(date -u -d "$(ago 380) + 1 year - 1 day" +%F)" \
  dan lapsed "$(date -u -d "$(ago 400) + 1 year - 1 day" +%F)" eve none - fay honorary -)
[ "$out" = "$expected" ] || fail "member list prints the register: $out (expected $expected)"
[ "$("$bin" member list --state renewal_due --db "$m")" = "ben	renewal_due	$(date -u -d "$(ago 350) + 1 year - 1 day" +%F)" ] ||
  fail "member list --state renewal_due"
[ "$("$bin" member list --state none --db "$m" | cut -f1)" = eve ] || fail "member list --state none: a corrected fee does not count"
out=$("$bin" member list --state gone --db "$m" 2>&1) && fail "member list accepted an unknown state"
echo "$out" | grep -q 'unknown state "gone"' || fail "member list names the unknown state: $out"
"$bin" user list --db "$m" | grep -c . | grep -qx 6 || fail "user list stays the list of accounts"
out=$("$bin" member recompute --db "$m" 2>/dev/null) || fail "member recompute: $out"
[ "$out" = "6 members recomputed" ] || fail "member recompute says how many: $out"
[ "$(sqlite3 "$m" "SELECT member_until FROM members WHERE name = 'ana'")" = "$(date -u -d "$(ago 10) + 1 year - 1 day" +%F)" ] ||
  fail "member recompute stores the dates"

echo "cli: all checks passed"
