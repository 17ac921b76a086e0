#!/bin/bash
# Real validators nobody here wrote, on a real demo portal (issue 14):
#   - promtool check metrics (Debian package prometheus) on /metrics;
#   - the TypeScript compiler with schema.org's typed vocabulary (npm schema-dts, installed by
#     `npm ci` in tests/interop) on the homepage's JSON-LD, typed as WithContext<Organization>;
#   - feedparser (Debian python3-feedparser) on the public Atom feeds, with their CORS header;
#   - openid-client (npm, v5), an independent OpenID Connect relying party, logging a member in
#     through the portal (issue 17): discovery, code + PKCE, ID token checked against the JWKS,
#     userinfo, refresh, logout.
# Usage: tests/scripts/interop.sh path/to/chatiere
# A missing validator skips the test (exit 77) unless CHATIERE_REQUIRE_VALIDATORS=1, as
# contrib/dev.sh test sets it.
set -eu
bin=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
tsc=$here/tests/interop/node_modules/.bin/tsc
dir=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
missing() {
  if [ "${CHATIERE_REQUIRE_VALIDATORS:-}" = 1 ]; then fail "$1 is missing: $2"; fi
  echo "interop: skipped, $1 is missing ($2)"; exit 77
}
command -v promtool >/dev/null || missing promtool "apt-get install prometheus"
command -v node >/dev/null || missing node "apt-get install nodejs"
[ -x "$tsc" ] || missing "tests/interop/node_modules" "cd tests/interop && npm ci"
[ -d "$here/tests/interop/node_modules/openid-client" ] || missing "openid-client" "cd tests/interop && npm ci"
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || missing feedparser "apt-get install python3-feedparser"

"$bin" init --demo --db "$dir/d.db" >/dev/null 2>&1 || fail "init --demo"
port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
CHATIERE_ACCESS_LOG=false "$bin" serve --db "$dir/d.db" --listen 127.0.0.1:$port --base-url $base/ 2>"$dir/serve.log" &
server=$!
for _ in $(seq 100); do curl -fs $base/healthz >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs $base/healthz >/dev/null || fail "the portal did not start: $(cat "$dir/serve.log")"

# Some traffic first, so that every family has samples (routes, statuses, cache).
for p in / /status /status /api/v2/summary.json /no/such/page /contributions.csv; do curl -s -o /dev/null "$base$p"; done

# 1. /metrics through promtool: no problem reported.
curl -fs "$base/metrics" > "$dir/metrics" || fail "GET /metrics from loopback"
grep -q '^chatiere_http_requests_total{' "$dir/metrics" || fail "/metrics has the request counters"
if ! promtool check metrics < "$dir/metrics" > "$dir/promtool.out" 2>&1; then
  cat "$dir/promtool.out" >&2; fail "promtool check metrics"
fi
[ ! -s "$dir/promtool.out" ] || { cat "$dir/promtool.out" >&2; fail "promtool check metrics reported problems"; }
echo "interop: promtool check metrics: no problem ($(grep -c '^[a-z]' "$dir/metrics") samples)"
# …and refused to the world: a proxy-forwarded client address is not loopback.
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.9' "$base/metrics")" = 403 ] ||
  fail "/metrics refused to a forwarded outside client"

# 2. The homepage's JSON-LD against schema.org's vocabulary: an object literal typed
# WithContext<Organization>, so that any property schema.org does not define for an
# Organization is an excess-property error.
curl -fs "$base/" > "$dir/home.html"
json=$(sed -n 's|.*<script type="application/ld+json">\(.*\)</script>.*|\1|p' "$dir/home.html" | head -1)
[ -n "$json" ] || fail "the homepage has a JSON-LD script"
mkdir -p "$dir/ts"
ln -s "$here/tests/interop/node_modules" "$dir/ts/node_modules"
typed() {  # typed FILE JSON
  printf 'import type { Organization, WithContext } from "schema-dts";\nexport const doc: WithContext<Organization> = %s;\n' "$2" > "$1"
}
tsc_check() { (cd "$dir/ts" && node "$tsc" --noEmit --strict --target es2020 --module commonjs --moduleResolution node "$@"); }
typed "$dir/ts/home.ts" "$json"
tsc_check home.ts > "$dir/tsc.out" 2>&1 || { cat "$dir/tsc.out" >&2; fail "the homepage's JSON-LD is not a schema.org Organization"; }
echo "interop: schema-dts + tsc: the homepage's JSON-LD is a schema.org Organization"
# The check has teeth: a property schema.org's Organization lacks is refused.
typed "$dir/ts/control.ts" "${json%\}},\"privacyPolicy\":\"$base/privacy\"}"
if tsc_check control.ts > "$dir/control.out" 2>&1; then fail "tsc accepted privacyPolicy on an Organization"; fi
grep -q privacyPolicy "$dir/control.out" || fail "tsc refused the control for another reason: $(cat "$dir/control.out")"

# 3. The public Atom feeds through feedparser (Debian python3-feedparser), as a browser-side or
# desktop feed reader would take them, with the CORS header that lets a web reader fetch them.
for p in status/feed.atom status/services/cloud/feed.atom news/feed.atom; do
  curl -fs -D "$dir/feed.h" -o "$dir/feed.xml" -H 'Origin: https://reader.example' "$base/$p" || fail "GET /$p"
  grep -qi '^access-control-allow-origin: \*' "$dir/feed.h" || fail "/$p has no Access-Control-Allow-Origin: *"
  grep -qi '^etag: "[^"]*"'$'\r''\?$' "$dir/feed.h" || fail "/$p: ETag is not one quoted entity tag: $(grep -i '^etag' "$dir/feed.h")"
  /usr/bin/python3 - "$dir/feed.xml" <<'PY' || fail "feedparser on /$p"
import sys, feedparser
d = feedparser.parse(open(sys.argv[1], "rb").read())
if d.bozo or d.version != "atom10" or not d.entries:
    sys.exit("bozo=%s version=%s entries=%d %s" % (d.bozo, d.version, len(d.entries), d.get("bozo_exception", "")))
PY
done
echo "interop: feedparser: the three public feeds are Atom 1.0, readable from any origin"
# 4. openid-client, an OpenID Connect relying party nobody here wrote, logs a member in.
rp=http://127.0.0.1:$((port + 1))
printf '%s\n' 'a passphrase for the relying party test' |
  "$bin" user add oidcmember --email oidcmember@example.org --password-stdin --db "$dir/d.db" >/dev/null ||
  fail "user add oidcmember"
"$bin" oidc client add "openid-client" --redirect-uri "$rp/cb" --post-logout-uri "$rp/bye" \
  --db "$dir/d.db" --base-url "$base/" > "$dir/client.txt" || fail "oidc client add"
client_id=$(sed -n 's/^client_id=//p' "$dir/client.txt")
client_secret=$(sed -n 's/^client_secret=//p' "$dir/client.txt")
[ -n "$client_id" ] && [ -n "$client_secret" ] || fail "oidc client add printed client_id= and client_secret=: $(cat "$dir/client.txt")"
node "$here/tests/interop/oidc_client.mjs" "$base/" "$client_id" "$client_secret" "$rp/cb" "$rp/bye" \
  oidcmember 'a passphrase for the relying party test' || fail "openid-client against the portal"

echo "interop: all checks passed"
