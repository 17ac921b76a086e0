#!/bin/bash
# Faults around a real portal on 127.0.0.1 (random port, scratch folder), one line per check
# with the measured figure; exit status 1 if any check fails. About 70 s.
#   1. SIGKILL in the middle of a ledger write load (4 admins' browsers), three times: after a
#      restart, PRAGMA integrity_check is ok, `chatiere ledger verify` passes and every entry the
#      portal acknowledged (303) is there.
#   2. `chatiere backup` during the write load: a portal started on the copy answers, the copy
#      passes integrity_check and ledger verify.
#   3. Disk full, without root: the running portal's file-size limit is lowered with
#      `prlimit --pid` just above the database and WAL sizes, so SQLite's writes fail with EFBIG
#      (the portal ignores SIGXFSZ). Writes get a clear 503 page, reading pages keep working,
#      nothing is corrupted; after `prlimit --fsize=unlimited` writes work again, no restart.
#   4. Database read-only: the file is made read-only (chmod 0444) and the portal restarted on
#      it as a user that file permissions apply to — `nobody` through setpriv when the script
#      runs as root (root ignores permissions), the current user otherwise. The folder stays
#      writable: SQLite needs to create the -wal/-shm files to read a WAL database at all (a
#      read-only mount of a cleanly closed database cannot be read; see the report). Expect
#      reads OK, a clear 503 page on writes, and normal service once it is writable again.
#   5. sendmail missing, then failing (exit 1): the mail stays in the outbox (not sent,
#      attempts counted, error recorded, the log says why); with a working sendmail the
#      admin's "retry now" delivers it.
# usage: tests/robustness/faults.sh build/chatiere
# Needs bash, curl, sqlite3, prlimit and setpriv (util-linux), node (built-in modules only).
set -euo pipefail
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
bin=$(realpath "$1")
source "$(dirname "$0")/common.sh"
started=$(date +%s)
db=$work/p.db
log=$work/portal.log
admin_password='robustness admin passphrase'

"$bin" init --db "$db" >/dev/null
printf '%s\n' "$admin_password" | "$bin" user add admin --email admin@example.org --admin --password-stdin --db "$db" >/dev/null
printf 'member passphrase for tests\n' | "$bin" user add member --email member@example.org --password-stdin --db "$db" >/dev/null

sql() { sqlite3 -batch -bail "${2:-$db}" "PRAGMA busy_timeout=5000; $1" | sed '/^5000$/d'; }
integrity() { sql 'PRAGMA integrity_check' "${1:-$db}" | tr '\n' ' ' | sed 's/ $//'; }
verify() { "$bin" ledger verify --db "${1:-$db}" 2>&1 | tr '\n' ' ' | sed 's/ $//'; }
yes_no() { if "$@"; then echo 1; else echo 0; fi; }
quietly() { "$@" >/dev/null 2>&1; }

# Every acknowledged note present in the ledger: prints how many are missing.
missing_acked() {
  local acked=$1 target=${2:-$db}
  sql "SELECT private_note FROM ledger_entries" "$target" | sort -u >"$work/present"
  sort -u "$acked" | comm -23 - "$work/present" | wc -l
}

load() { node "$here/lib/ledger_load.mjs" "$port" admin "$admin_password" "$@"; }

# curl as the admin, with a cookie jar; token PATH prints the form's CSRF token.
jar=$work/admin.jar
token() { curl -s -b "$jar" -c "$jar" "$base$1" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
admin_login() {
  local t
  rm -f "$jar"
  t=$(token /login)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$t" --data-urlencode login=admin \
    --data-urlencode "password=$admin_password" "$base/login"
}
# post PATH FIELDS… as the admin, with the CSRF token of the page at $FORM (default PATH):
# prints the status code; the page answered goes to $work/answer.html.
post() {
  local path=$1 t
  shift
  t=$(token "${FORM:-$path}")
  local args=()
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -o "$work/answer.html" -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$t" "${args[@]}" "$base$path"
}
get_status() { curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$1"; }
record_entry() { post /admin/ledger date="$(date +%F)" kind=donation amount=7.00 currency=EUR "note=$1"; }

# ---------------------------------------------------------------------------------------
echo "== 1. SIGKILL during a write load"
: >"$work/acked"
start_portal "$db" "$log"
for round in 1 2 3; do
  load 4 20 "kill$round" "$work/acked" >"$work/load$round.out" &
  loader=$!
  sleep "1.$((RANDOM % 10))"
  before=$(wc -l <"$work/acked")
  kill -9 "$portal_pid"
  wait "$portal_pid" 2>/dev/null || true
  wait "$loader" || true
  acked_round=$(grep -c "^kill$round-" "$work/acked" || true)
  start_portal "$db" "$log"
  check "round $round: restart after kill -9" 1 "killed after $acked_round entries acknowledged ($(sed 's/.*answers //' "$work/load$round.out")); /healthz answers again"
  check "round $round: integrity_check" "$([ "$(integrity)" = ok ] && echo 1 || echo 0)" "$(integrity)"
  v=$(verify)
  check "round $round: ledger verify" "$(yes_no quietly "$bin" ledger verify --db "$db")" "$v"
  m=$(missing_acked "$work/acked")
  check "round $round: every acknowledged entry is there" "$([ "$m" = 0 ] && echo 1 || echo 0)" \
    "$m missing of $(wc -l <"$work/acked") acknowledged so far; $(sql 'SELECT count(*) FROM ledger_entries') entries in the ledger"
  [ "$before" -gt 0 ] || check "round $round: the load was running when killed" 0 "nothing acknowledged before the kill"
done

# ---------------------------------------------------------------------------------------
echo "== 2. backup during the write load"
load 4 6 backup "$work/acked" >"$work/load-backup.out" &
loader=$!
sleep 2
t0=$(date +%s%N)
backup_out=$("$bin" backup "$work/backup.db" --db "$db" 2>&1) && backup_ok=1 || backup_ok=0
backup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
wait "$loader" || true
check "backup while 4 browsers write" "$backup_ok" "$(echo "$backup_out" | tail -1) in $backup_ms ms; $(sed 's/.*: //' "$work/load-backup.out" | head -c 200)"
check "backup: integrity_check" "$([ "$(integrity "$work/backup.db")" = ok ] && echo 1 || echo 0)" "$(integrity "$work/backup.db")"
check "backup: ledger verify" "$(yes_no quietly "$bin" ledger verify --db "$work/backup.db")" "$(verify "$work/backup.db")"
main_port=$port main_base=$base main_pid=$portal_pid
start_portal "$work/backup.db" "$work/backup.log"
pages=""
pages_ok=1
for p in /healthz / /status /contributions /login; do
  s=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
  pages+="$p $s, "
  [ "$s" = 200 ] || pages_ok=0
done
check "a portal started on the backup answers" "$pages_ok" "${pages%, }; $(sql 'SELECT count(*) FROM ledger_entries' "$work/backup.db") ledger entries in the copy"
stop_portal
port=$main_port base=$main_base portal_pid=$main_pid

# ---------------------------------------------------------------------------------------
echo "== 3. disk full (file-size limit on the running portal)"
# The portal writes its log through a pipe here, so that the limit only hits the database.
stop_portal
port=$(free_port)
base=http://127.0.0.1:$port
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --base-url "$base/" > >(cat >>"$log") 2>&1 &
portal_pid=$!
started_pids+=("$portal_pid")
for _ in $(seq 200); do curl -fs -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.05; done
admin_login
check "disk full: a write before the limit" "$([ "$(record_entry before-full)" = 303 ] && echo 1 || echo 0)" "recorded"
largest=$(stat -c %s "$db" "$db-wal" 2>/dev/null | sort -n | tail -1)
limit=$((largest + 8192))
prlimit --pid "$portal_pid" --fsize="$limit:"  # the soft limit only: a user may raise it back
: >"$work/acked-full"
load 2 4 full "$work/acked-full" >"$work/load-full.out" || true
alive=$(yes_no kill -0 "$portal_pid")
check "disk full: the portal survives writes beyond the limit" "$alive" "file-size limit $limit bytes (db $(stat -c %s "$db") B, wal $(stat -c %s "$db-wal" 2>/dev/null || echo 0) B); $(sed 's/.*: //' "$work/load-full.out")"
[ "$alive" = 1 ] || { echo "the portal died; log:"; tail -5 "$log"; exit 1; }
status_full=$(record_entry during-full)
message=$(sed -n 's/.*<p[^>]*>\([^<]*\(disk\|disque\)[^<]*\)<.*/\1/p' "$work/answer.html" | head -1)
check "disk full: a write gets a clear error page" "$([ "$status_full" = 503 ] && [ -n "$message" ] && echo 1 || echo 0)" "status $status_full: \"$message\""
reads=""
reads_ok=1
for p in / /status /contributions /admin/ledger /account; do
  s=$(get_status "$p")
  reads+="$p $s, "
  [ "$s" = 200 ] || reads_ok=0
done
check "disk full: reading pages keep working (admin logged in)" "$reads_ok" "${reads%, }"
check "disk full: integrity_check" "$([ "$(integrity)" = ok ] && echo 1 || echo 0)" "$(integrity)"
m=$(missing_acked "$work/acked-full")
check "disk full: acknowledged entries are there" "$([ "$m" = 0 ] && echo 1 || echo 0)" "$m missing of $(wc -l <"$work/acked-full")"
errors=$(grep -c 'database:' "$log" || true)
check "disk full: the log says why" "$([ "$errors" -gt 0 ] && echo 1 || echo 0)" "$errors lines, e.g. $(grep 'database:' "$log" | tail -1 | cut -c 25-160)"
prlimit --pid "$portal_pid" --fsize=unlimited:
status_after=$(record_entry after-full)
check "disk full: writes work again once space is back, no restart" "$([ "$status_after" = 303 ] && echo 1 || echo 0)" "status $status_after"
check "disk full: ledger verify" "$(yes_no quietly "$bin" ledger verify --db "$db")" "$(verify)"

# ---------------------------------------------------------------------------------------
echo "== 4. database read-only"
stop_portal
as_user=()
if [ "$(id -u)" = 0 ]; then
  # Root ignores file permissions: serve as nobody, who owns the folder (SQLite must create
  # the -wal/-shm files there to read a WAL database) but cannot write the read-only file.
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chown 65534 "$work" "$db"
fi
chmod 0444 "$db"
rm -f "$db-wal" "$db-shm"
start_portal "$db" "$log" "${as_user[@]}"
reads=""
reads_ok=1
for p in /healthz / /status /contributions /admin/ledger; do
  s=$(get_status "$p")
  reads+="$p $s, "
  [ "$s" = 200 ] || reads_ok=0
done
check "read-only: reading pages keep working (admin still logged in)" "$reads_ok" "${reads%, }"
status_ro=$(record_entry during-read-only)
message=$(sed -n 's/.*<p[^>]*>\([^<]*\(disk\|disque\)[^<]*\)<.*/\1/p' "$work/answer.html" | head -1)
check "read-only: a write gets a clear error page" "$([ "$status_ro" = 503 ] && [ -n "$message" ] && echo 1 || echo 0)" "status $status_ro: \"$message\""
login_status=$(curl -s -o "$work/answer.html" -w '%{http_code}' -c "$work/jar2" -b "$work/jar2" "$base/login" >/dev/null; t=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$work/answer.html" | head -1); curl -s -o "$work/answer.html" -w '%{http_code}' -b "$work/jar2" --data-urlencode "_csrf=$t" --data-urlencode login=member --data-urlencode 'password=member passphrase for tests' "$base/login")
message=$(sed -n 's/.*<p[^>]*>\([^<]*\(disk\|disque\)[^<]*\)<.*/\1/p' "$work/answer.html" | head -1)
check "read-only: a log-in (it writes a session) gets a clear error page" "$([ "$login_status" = 503 ] && [ -n "$message" ] && echo 1 || echo 0)" "status $login_status: \"$message\""
# SQLite created the -wal and -shm files with the database's permissions: all three back.
chmod 0644 "$db" "$db-wal" "$db-shm"
sleep 2.5  # the portal looks at the file again every 2 s
status_back=$(record_entry after-read-only-no-restart)
stop_portal
check "read-only: writes work again once the file is writable, no restart" "$([ "$status_back" = 303 ] && echo 1 || echo 0)" "status $status_back"
if [ "$(id -u)" = 0 ]; then chown 0 "$work" "$db" "$db-wal" "$db-shm" 2>/dev/null || true; fi
start_portal "$db" "$log"
status_back=$(record_entry after-read-only)
check "read-only: writes work again after a restart" "$([ "$status_back" = 303 ] && echo 1 || echo 0)" "status $status_back"
check "read-only: integrity_check" "$([ "$(integrity)" = ok ] && echo 1 || echo 0)" "$(integrity)"

# ---------------------------------------------------------------------------------------
echo "== 5. sendmail missing, failing, then working"
stop_portal
mkdir -p "$work/mail"
cat >"$work/failing-sendmail" <<'EOF'
#!/bin/sh
cat >/dev/null
echo "sendmail: cannot connect to the relay" >&2
exit 1
EOF
chmod +x "$work/failing-sendmail"
CHATIERE_SENDMAIL=/nonexistent/sendmail start_portal "$db" "$log"
t=$(curl -s -c "$work/jar3" "$base/password/forgot" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
s=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/jar3" --data-urlencode "_csrf=$t" --data-urlencode email=member@example.org "$base/password/forgot")
mail_id=$(sql "SELECT max(id) FROM outbox WHERE to_addr = 'member@example.org'")
check "a password reset for a member queues a mail" "$([ "$s" = 200 ] && [ -n "$mail_id" ] && echo 1 || echo 0)" "status $s, outbox id ${mail_id:-none}"
# The mail job runs every 10 s.
for _ in $(seq 150); do [ "$(sql "SELECT attempts FROM outbox WHERE id = $mail_id")" -ge 1 ] && break; sleep 0.1; done
row=$(sql "SELECT attempts, sent_at IS NULL, last_error FROM outbox WHERE id = $mail_id")
check "sendmail missing: the mail stays in the outbox with the error" \
  "$([[ "$row" == "1|1|"*nonexistent* ]] && echo 1 || echo 0)" "attempts|unsent|error = $row"
check "sendmail missing: the log says why" "$(yes_no grep -q "mail $mail_id .*not sent.*nonexistent" "$log")" \
  "$(grep "mail $mail_id " "$log" | tail -1 | cut -c 25-200)"
admin_login
s=$(FORM=/admin/mail post "/admin/mail/$mail_id/retry")
stop_portal
CHATIERE_SENDMAIL="$work/failing-sendmail -t -i" start_portal "$db" "$log"
for _ in $(seq 50); do [ "$(sql "SELECT attempts FROM outbox WHERE id = $mail_id")" -ge 2 ] && break; sleep 0.1; done
row=$(sql "SELECT attempts, sent_at IS NULL, last_error FROM outbox WHERE id = $mail_id")
check "sendmail failing: the admin's retry tries again, the mail stays queued" \
  "$([ "$s" = 303 ] && [[ "$row" == "2|1|"*"exited with status 1"* ]] && echo 1 || echo 0)" "retry answered $s; attempts|unsent|error = $row"
check "sendmail failing: the log says why" "$(yes_no grep -q "mail $mail_id .*not sent (attempt 2).*status 1" "$log")" \
  "$(grep "mail $mail_id " "$log" | tail -1 | cut -c 25-200)"
s=$(FORM=/admin/mail post "/admin/mail/$mail_id/retry")
stop_portal
CHATIERE_SENDMAIL="$(realpath "$here/../e2e/fake-sendmail.sh") $work/mail -t -i" start_portal "$db" "$log"
for _ in $(seq 50); do [ -n "$(sql "SELECT sent_at FROM outbox WHERE id = $mail_id")" ] && break; sleep 0.1; done
row=$(sql "SELECT attempts, sent_at IS NOT NULL FROM outbox WHERE id = $mail_id")
delivered=$(grep -l 'password/reset?token=' "$work/mail"/*.eml 2>/dev/null | wc -l)
check "sendmail working again: the queued mail is delivered" "$([[ "$row" == *"|1" ]] && [ "$delivered" = 1 ] && echo 1 || echo 0)" \
  "retry answered $s; attempts|sent = $row; $delivered message with the reset link in the mailbox"
stop_portal

crashes=$(grep -ciE 'unhandled exception|terminate called|segmentation' "$log" || true)
check "no crash or unhandled exception in the portal's log" "$([ "$crashes" = 0 ] && echo 1 || echo 0)" "$crashes found"
echo "faults.sh: $(( $(date +%s) - started )) s"
[ "$failures" = 0 ]
