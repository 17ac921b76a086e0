#!/bin/bash
# Status subscriptions at scale (issue 19), not part of CI: with N confirmed subscribers (default
# 10,000; half follow every public service, half only the cloud), how long opening an incident
# on the cloud takes — the request that queues every subscriber's mail in its transaction — and
# the public pages' rate (wrk, 2 threads, 32 keep-alive connections) with the outbox empty and
# then while it drains those mails through a sendmail that swallows them.
#
# usage: tests/bench/subscribers.sh BINARY [SECONDS] [SUBSCRIBERS]   (default 10 s per wrk run)
# Needs wrk, curl, sqlite3, python3. Everything listens on 127.0.0.1; the portal started here is
# stopped on exit.
set -euo pipefail
export CHATIERE_CONFIG=
bin=$(realpath "${1:?usage: subscribers.sh BINARY [SECONDS] [SUBSCRIBERS]}")
seconds=${2:-10}
count=${3:-10000}
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port

"$bin" init --demo --db "$dir/p.db" >/dev/null
# An API token for the write API, stored hashed as the portal does (BLAKE2b-256, hex).
token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
hash=$(python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())' "$token")
sqlite3 "$dir/p.db" <<SQL
INSERT INTO api_tokens (name, token_hash, created_at) VALUES ('bench', '$hash', strftime('%s','now'));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO subscribers (email, lang, all_services, maintenance, salt, created_at, updated_at)
  SELECT 'sub' || i || '@example.net', CASE WHEN i % 3 = 0 THEN 'en' ELSE 'fr' END, i % 2, i % 4 = 0,
         lower(hex(randomblob(12))), strftime('%s','now'), strftime('%s','now') FROM n;
INSERT INTO subscriber_services (subscriber_id, service_id)
  SELECT s.id, (SELECT id FROM services WHERE slug = 'cloud') FROM subscribers s WHERE s.all_services = 0;
UPDATE outbox SET sent_at = strftime('%s','now') WHERE sent_at IS NULL;
SQL
printf '#!/bin/sh\ncat >/dev/null\n' >"$dir/sendmail" && chmod +x "$dir/sendmail"
CHATIERE_SENDMAIL="$dir/sendmail" CHATIERE_ACCESS_LOG=false CHATIERE_LOG_LEVEL=warn \
  "$bin" serve --db "$dir/p.db" --listen "127.0.0.1:$port" --base-url "$base/" 2>"$dir/serve.log" &
pid=$!
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

pending() { sqlite3 "$dir/p.db" "SELECT count(*) FROM outbox WHERE sent_at IS NULL"; }
open_incident() {  # $1: service slug → seconds the request took
  curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench $1 $RANDOM\",\"components\":{\"$1\":\"major_outage\"},\"body\":\"bench\"}" "$base/api/v2/incidents"
}
rate() {  # $1: path → requests per second
  wrk -t2 -c32 -d"${seconds}s" -H 'Accept-Language: fr' "$base$1" | awk '/Requests\/sec/ { print $2 }'
}

echo "subscribers: $count"
echo "| what | value |"
echo "|---|---|"
# A service nobody follows one by one, touched by a members-only-free incident: only those
# following everything get mail. Then the cloud: every subscriber.
t_none=$(open_incident mail)
q_none=$(pending)
echo "| open an incident on a members-only service (no subscriber mail), s | $t_none |"
before_status=$(rate /status)
before_service=$(rate /status/services/cloud)
echo "| /status req/s, outbox empty ($q_none pending) | $before_status |"
echo "| /status/services/cloud req/s, outbox empty | $before_service |"
t_all=$(open_incident cloud)
q_all=$(pending)
echo "| open an incident on the cloud ($q_all mails queued), s | $t_all |"
during_status=$(rate /status)
during_service=$(rate /status/services/cloud)
left=$(pending)
echo "| /status req/s while the outbox drains | $during_status |"
echo "| /status/services/cloud req/s while the outbox drains | $during_service |"
echo "| mails still pending after the runs | $left |"
python3 - "$before_status" "$during_status" "$before_service" "$during_service" <<'PY'
import sys
b1, d1, b2, d2 = map(float, sys.argv[1:])
print(f"| /status rate while draining vs empty | {100 * d1 / b1:.1f} % |")
print(f"| /status/services/cloud rate while draining vs empty | {100 * d2 / b2:.1f} % |")
PY
