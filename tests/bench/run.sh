#!/bin/bash
# Throughput, latency, memory and start-up time of the portal, compared with nginx serving
# the very same bytes (what the fastest possible server would do with the same pages).
#
# usage: tests/bench/run.sh [--scale demo|large|both] [--out FILE] [--duration SECONDS] [--bin FILE]
#   --bin: measure this chatiere binary instead of building one (compare two builds)
#
# For each scale: builds a Release binary (build-bench/), makes a database (demo: `chatiere
# init --demo`; large: the demo plus `chatiere seed` at full scale: 100,000 members, 1,000
# services, 10,000 incidents, 1,000,000 ledger entries), measures start-up time, serves it
# with the default production configuration (page cache 60 s, access log on, written to a
# file as journald would take it), logs a member in, and runs wrk (2 threads, keep-alive, 32
# and 256 connections) on public pages, the published profile, a static asset and the
# member's /account (the demo member camille, given a password), and, logged in as an admin
# (made here), on the membership register (/admin/membership, its lapsed and renewal-due
# filters) and the queue of service requests (/admin/requests) — those the binary has. Then
# it saves each answer's exact bytes and headers and runs the same load against nginx (own
# configuration, 2 workers, keep-alive, access log off) serving them. Pages rendered for each
# request (/account, the admin's) are also measured alone on one connection: the time one
# answer takes (target: p99 < 10 ms).
# Everything listens on 127.0.0.1; every process started here is stopped on exit.
# Environment: BENCH_ACCESS_LOG=false turns the portal's access log off.
set -euo pipefail
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build-bench
scale=both
out=$build/bench.md
duration=10
bin=
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --bin) bin=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $scale in demo) scales=(demo) ;; large) scales=(large) ;; both) scales=(demo large) ;;
  *) echo "run.sh: --scale demo, large or both" >&2; exit 2 ;; esac
bench_start=$(date +%s)

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (apt)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y "${need[@]}" >&2; else sudo apt-get install -y "${need[@]}" >&2; fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "$bin" ]; then
  echo "building the Release binary in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCHATIERE_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 >/dev/null
  bin=$build/chatiere
fi
mkdir -p "$build"
build_s=$(( $(date +%s) - bench_start ))
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# After a run the server may still be writing answers wrk gave up on (large pages): wait
# until it answers a trivial request quickly again, so that one run does not slow the next.
settle() {
  for _ in $(seq 100); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$1" || echo 1)
    awk -v t="$t" 'BEGIN { exit !(t < 0.02) }' && return 0
    sleep 0.1
  done
}
wait_http() { for _ in $(seq 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done; echo "no answer from $1" >&2; return 1; }

# The header a French browser sends; the same for the portal, curl and nginx.
accept_language='Accept-Language: fr-FR,fr;q=0.9,en;q=0.8'
password='a long benchmark passphrase'

# "543.00us" / "2.31ms" / "1.02s" → milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
# wrk URL CONNS [HEADER…] → "rps p50_ms p99_ms errors"
run_wrk() {
  local url=$1 conns=$2; shift 2
  local args=() threads=2
  [ "$conns" -lt 2 ] && threads=1
  for h in "$@"; do args+=(-H "$h"); done
  local res
  res=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "${args[@]}" "$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$res")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$res")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$res")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$res")
  echo "$rps $p50 $p99 $errors"
}
# The Cookie header PATH is asked with: the member's for /account, the admin's for /admin/….
cookie_for() {
  case $1 in
    /account*) echo "$cookie" ;;
    /admin/*) echo "$admin_cookie" ;;
  esac
}
# Pages rendered for each request, which the page cache does not keep.
dynamic() { case $1 in /account*|/admin/*) return 0 ;; esac; return 1; }
# wrk_every_path SERVER ORIGIN SETTLE_URL RESULTS: run_wrk on every path at 32 and 256
# connections (logged in for /account and /admin/…); RESULTS["PATH CONNS"] = "rps p50_ms p99_ms errors".
wrk_every_path() {
  local server=$1 origin=$2 settle_url=$3
  local -n results=$4
  local p c extra
  for p in "${paths[@]}"; do
    for c in 32 256; do
      extra=()
      [ -n "$(cookie_for "$p")" ] && extra=("$(cookie_for "$p")")
      results["$p $c"]=$(run_wrk "$origin$p" "$c" "$accept_language" "${extra[@]}")
      settle "$settle_url"
      echo "$server $sc $p c=$c: ${results["$p $c"]}" >&2
    done
  done
}

machine="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
{
  echo "# Chatière benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), chatiere $("$bin" --version | awk '{ print $2 }') (Release), $(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }'), $("$nginx_bin" -v 2>&1 | sed 's/.*: //')"
  echo "- machine: $machine (wrk, the server and nginx share it)"
  echo "- load: wrk -t2, keep-alive, ${duration} s per run, header '$accept_language'; portal with the default configuration (page cache ${CHATIERE_PAGE_CACHE_SECONDS:-60} s, access log ${BENCH_ACCESS_LOG:-true}, to a file); nginx 2 workers, access log off, same bodies and headers"
  echo "- ratio = portal rps / nginx rps; targets: public pages ≥ 40 %, profile and static ≥ 45 %, p99 < 10 ms at 32 connections"
} > "$out.head"
cat "$out.head" >&2
: > "$out.body"
declare -A all_rps=()

for sc in "${scales[@]}"; do
  dir=$build/bench-$sc
  rm -rf "$dir"
  mkdir -p "$dir/files"
  db=$dir/portal.db
  seed_note=""
  "$bin" init --demo --db "$db" >/dev/null
  if [ "$sc" = large ]; then
    t0=$(date +%s.%N)
    "$bin" seed --db "$db" >&2
    seed_s=$(echo "$(date +%s.%N) - $t0" | bc)
    seed_note="seeded at full scale in $(printf '%.1f' "$seed_s") s; "
  fi
  db_mb=$(du -m "$db" | cut -f1)

  # Start-up: median of 5 starts, from exec to listening and to the first /healthz answer.
  read -r up_listen up_health < <(python3 "$here/startup.py" "$bin" "$db" 5)
  startup_note="start-up on this database: listening after ${up_listen} ms, /healthz answered after ${up_health} ms"
  if [ "$sc" = demo ]; then
    read -r fresh_listen fresh_health < <(python3 "$here/startup.py" "$bin" "$db" 5 fresh)
    startup_note+="; on a new file (every migration runs): ${fresh_listen} / ${fresh_health} ms"
  fi
  echo "$sc: ${seed_note}$startup_note" >&2

  # The demo member camille (three services, one open incident on them) gets a password.
  printf '%s\n' "$password" | "$bin" user password camille --db "$db" >/dev/null
  # An admin for the administration pages.
  printf '%s\n' "$password" | "$bin" user add benchadmin --email benchadmin@example.org --admin --password-stdin \
    --db "$db" >/dev/null

  port=$(free_port)
  base=http://127.0.0.1:$port
  CHATIERE_ACCESS_LOG=${BENCH_ACCESS_LOG:-true} "$bin" serve --db "$db" --listen 127.0.0.1:$port --base-url "$base/" \
    2>"$dir/portal.log" &
  portal=$!
  pids+=($portal)
  wait_http "$base/healthz"

  # Log in like a browser: the form gives the cookie and its CSRF token. log_in NAME JAR
  # prints the Cookie header of the session.
  log_in() {
    local who=$1 jar=$2 csrf code
    curl -fs -c "$jar" -H "$accept_language" "$base/login" > "$jar.html"
    csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$jar.html" | head -1)
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H "$accept_language" \
      --data-urlencode "_csrf=$csrf" --data-urlencode "login=$who" --data-urlencode "password=$password" "$base/login")
    [ "$code" = 303 ] || { echo "log-in of $who failed (HTTP $code)" >&2; return 1; }
    echo "Cookie: $(awk -F'\t' 'NF >= 7 && $1 !~ /^# / { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar" | sed 's/^#HttpOnly_//')"
  }
  cookie=$(log_in camille "$dir/jar")
  # (grep reads a variable: on a pipe its early exit would fail curl, and pipefail the check)
  grep -q 'logout' <<<"$(curl -fs -H "$accept_language" -H "$cookie" "$base/account")" ||
    { echo "the session cookie does not open /account" >&2; exit 1; }
  admin_cookie=$(log_in benchadmin "$dir/admin-jar")

  css=$(curl -fs -H "$accept_language" "$base/" | grep -o 'href="[^"]*\.css"' | head -1 | sed 's/href="//; s/"$//')
  [ -n "$css" ] || { echo "no stylesheet link on the homepage" >&2; exit 1; }
  paths=(/ /status /api/v2/summary.json /contributions /.well-known/chatonsinfos/organization.properties "$css" /account)
  # The admin's membership register, two of its filters and the queue of requests, where
  # this binary has them.
  admin_note=""
  for p in /admin/membership "/admin/membership?state=lapsed" "/admin/membership?state=renewal_due" /admin/requests; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "$accept_language" -H "$admin_cookie" "$base$p")
    if [ "$code" = 200 ]; then paths+=("$p"); else admin_note+=" $p (HTTP $code)"; fi
  done
  [ -n "$admin_note" ] && echo "$sc: not measured, not in this binary:$admin_note" >&2

  # Save each answer (headers and body) for nginx.
  for i in "${!paths[@]}"; do
    p=${paths[$i]}
    extra=()
    [ -n "$(cookie_for "$p")" ] && extra=(-H "$(cookie_for "$p")")
    curl -fs -H "$accept_language" "${extra[@]}" -D "$dir/files/$i.headers" -o "$dir/files/$i.body" "$base$p"
  done

  # Warm the page cache, as a portal that has served for a while has it.
  for p in "${paths[@]}"; do
    dynamic "$p" || curl -fs -o /dev/null -H "$accept_language" "$base$p"
  done

  declare -A portal_res=()
  wrk_every_path portal "$base" "$base/healthz" portal_res
  # One connection: the time each page rendered per request takes to answer.
  declare -A alone_res=()
  for p in "${paths[@]}"; do
    dynamic "$p" || continue
    alone_res["$p"]=$(run_wrk "$base$p" 1 "$accept_language" "$(cookie_for "$p")")
    settle "$base/healthz"
    echo "portal $sc $p c=1: ${alone_res["$p"]}" >&2
  done
  for key in "${!portal_res[@]}"; do all_rps["$sc $key"]=${portal_res[$key]%% *}; done
  hwm=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$portal/status)
  rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' /proc/$portal/status)
  kill $portal; wait $portal 2>/dev/null || true

  # nginx with the same bytes at the same paths, with the portal's headers.
  nport=$(free_port)
  conf=$dir/nginx.conf
  mkdir -p "$dir/nginx"
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "worker_processes 2; daemon off; pid $dir/nginx/nginx.pid; error_log $dir/nginx/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_timeout 5s; server_tokens off;"
    echo "  client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy; fastcgi_temp_path $dir/nginx/fastcgi;"
    echo "  uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;"
    echo "  types { } etag off; if_modified_since off;"
    # The saved answer of each path, query string included (the register's filters).
    echo "  map_hash_bucket_size 256;"
    echo "  map \$request_uri \$saved { default none;"
    for i in "${!paths[@]}"; do echo "    \"${paths[$i]}\" $i;"; done
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$nport;"
    echo "    root $dir/files;"
    declare -A located=()
    for i in "${!paths[@]}"; do
      p=${paths[$i]%%\?*}
      [ -n "${located[$p]:-}" ] && continue
      located[$p]=1
      ctype=$(awk 'tolower($1) == "content-type:" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print }' "$dir/files/$i.headers")
      echo "    location = $p {"
      echo "      try_files /\$saved.body =404;"
      echo "      default_type \"$ctype\";"
      # The portal's own headers (security policy, caching…), but not those nginx writes itself.
      tr -d '\r' < "$dir/files/$i.headers" | awk 'NR > 1 && NF {
        name = $1; sub(/:$/, "", name); low = tolower(name)
        if (low ~ /^(date|content-length|content-type|connection|keep-alive|transfer-encoding|set-cookie|server)$/) next
        value = $0; sub(/^[^:]*: */, "", value); gsub(/"/, "\\\"", value)
        printf "      add_header %s \"%s\" always;\n", name, value }'
      echo "    }"
    done
    echo "  }"
    echo "}"
  } > "$conf"
  "$nginx_bin" -t -c "$conf" -p "$dir/nginx" 2>/dev/null || { "$nginx_bin" -t -c "$conf" -p "$dir/nginx"; exit 1; }
  "$nginx_bin" -c "$conf" -p "$dir/nginx" &
  ngx=$!
  pids+=($ngx)
  wait_http "http://127.0.0.1:$nport/"
  for i in "${!paths[@]}"; do
    cmp -s <(curl -fs "http://127.0.0.1:$nport${paths[$i]}") "$dir/files/$i.body" ||
      { echo "nginx does not serve the saved bytes of ${paths[$i]}" >&2; exit 1; }
  done
  declare -A nginx_res=()
  wrk_every_path nginx "http://127.0.0.1:$nport" "http://127.0.0.1:$nport/" nginx_res
  kill $ngx; wait $ngx 2>/dev/null || true

  {
    echo
    echo "## Scale: $sc"
    echo
    if [ "$sc" = large ]; then
      echo "- data: the demo plus \`chatiere seed\` (100,000 members, 1,000 services, 10,000 incidents, 1,000,000 ledger entries); ${seed_note%; }"
    else
      echo "- data: \`chatiere init --demo\`"
    fi
    echo "- database: $db_mb MB; $startup_note"
    echo "- portal memory: peak (VmHWM) $hwm MB, resident at the end $rss MB"
    echo
    echo "| path | bytes | conns | portal rps | p50 ms | p99 ms | nginx rps | nginx p99 ms | ratio % | target |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    for i in "${!paths[@]}"; do
      p=${paths[$i]}
      bytes=$(stat -c %s "$dir/files/$i.body")
      for c in 32 256; do
        read -r prps pp50 pp99 perr <<<"${portal_res["$p $c"]}"
        read -r nrps np50 np99 nerr <<<"${nginx_res["$p $c"]}"
        ratio=$(awk -v a="$prps" -v b="$nrps" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print "?" }')
        case $p in
          /.well-known/*|*.css) want=45 ;;
          /admin/*) want= ;;  # judged on one connection, below
          *) want=40 ;;
        esac
        verdict=ok
        [ -z "$want" ] && verdict="see one connection"
        [ -n "$want" ] && awk -v r="$ratio" -v w="$want" 'BEGIN { exit !(r + 0 < w) }' && verdict="below $want %"
        if [ -n "$want" ] && [ "$c" = 32 ] && awk -v l="$pp99" 'BEGIN { exit !(l + 0 >= 10) }'; then
          verdict=$([ "$verdict" = ok ] && echo "p99 ≥ 10 ms" || echo "$verdict, p99 ≥ 10 ms")
        fi
        [ "$perr" != 0 ] && verdict+=", $perr errors"
        shown=$p
        [ ${#shown} -gt 48 ] && shown="${shown:0:45}…"
        echo "| \`$shown\` | $bytes | $c | $prps | $pp50 | $pp99 | $nrps | $np99 | $ratio | $verdict |"
      done
    done
    if [ ${#alone_res[@]} -gt 0 ]; then
      echo
      echo "Pages rendered for each request, alone on one connection (the time one answer takes; target p99 < 10 ms):"
      echo
      echo "| path | rps | p50 ms | p99 ms | target |"
      echo "|---|---:|---:|---:|---|"
      for p in "${paths[@]}"; do
        [ -n "${alone_res[$p]:-}" ] || continue
        read -r arps ap50 ap99 aerr <<<"${alone_res[$p]}"
        verdict=ok
        awk -v l="$ap99" 'BEGIN { exit !(l + 0 >= 10) }' && verdict="p99 ≥ 10 ms"
        [ "$aerr" != 0 ] && verdict+=", $aerr errors"
        echo "| \`$p\` | $arps | $ap50 | $ap99 | $verdict |"
      done
    fi
    [ -n "$admin_note" ] && echo && echo "Not measured (not in this binary):$admin_note"
  } >> "$out.body"
done

if [ ${#scales[@]} = 2 ]; then
  {
    echo
    echo "## Large scale against demo (portal rps; target: large within 2× of demo, i.e. ≥ 50 %)"
    echo
    echo "| path | conns | demo rps | large rps | large / demo % |"
    echo "|---|---:|---:|---:|---:|"
    for p in "${paths[@]}"; do
      for c in 32 256; do
        d=${all_rps["demo $p $c"]:-0}; l=${all_rps["large $p $c"]:-0}
        r=$(awk -v a="$l" -v b="$d" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print "?" }')
        shown=$p; [ ${#shown} -gt 48 ] && shown="${shown:0:45}…"
        echo "| \`$shown\` | $c | $d | $l | $r |"
      done
    done
  } >> "$out.body"
fi

total=$(( $(date +%s) - bench_start ))
{
  cat "$out.head" "$out.body"
  echo
  echo "The benchmark took $((total / 60)) min $((total % 60)) s (build $build_s s). Load average at the start" \
    "$load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg): on a machine shared with other work, p99 and nginx" \
    "figures are noisy."
} > "$out"
rm -f "$out.head" "$out.body"
cat "$out"
