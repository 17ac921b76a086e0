#!/bin/bash
# The command line as an admin uses it: --help, --version, init, migrate, backup, config.
set -eu
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

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
"$bin" backup --db "$dir/x.db" "$dir/copy.db" >/dev/null 2>&1 || fail "backup"
[ "$(sqlite3 "$dir/copy.db" 'SELECT count(*) FROM services')" -ge 5 ] || fail "backup holds the services"
"$bin" backup --db "$dir/x.db" "$dir/copy.db" 2>&1 | grep -q 'already exists' || fail "backup refuses to overwrite"
out=$("$bin" config --listen nonsense 2>&1) && fail "bad --listen accepted"
echo "$out" | grep -q 'listen:' || fail "bad value names the key: $out"
CHATIERE_MAX_THREADS=abc "$bin" config 2>&1 | grep -q 'max_threads:' || fail "bad env value names the key"
CHATIERE_MAX_THREADS=77 "$bin" config | grep -qx 'max_threads = 77' || fail "env override"
sqlite3 "$dir/x.db" 'PRAGMA user_version = 999'
"$bin" serve --db "$dir/x.db" --listen 127.0.0.1:0 2>&1 | grep -q 'newer than this chatiere' || fail "newer database refused"
echo "cli: all checks passed"
