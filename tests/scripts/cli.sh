#!/bin/bash
# The command line as an admin uses it: --help, --version, init, migrate, backup, config.
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
for phase in services members incidents ledger; do
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

echo "cli: all checks passed"
