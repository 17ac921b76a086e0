#!/bin/bash
# Tries the reverse-proxy examples in contrib/ against a real portal:
#   bash tests/scripts/proxy_configs.sh build/chatiere
# For each of nginx, Caddy and Apache that is installed (the others are skipped, saying so),
# it starts two portals on loopback (A at the root of portail.example.org, B under
# example.org/portail/), starts the proxy on another loopback port with the example config
# adapted by sed (loopback test ports, plain HTTP, temp dirs, foreground, no root needed) and
# checks with curl that the page, a static file and /healthz come through, /metrics does not, that the prefix
# works, and that the 2 MiB body limit holds. Everything listens on 127.0.0.1 only, every wait
# is bounded, and all it started is stopped and removed at the end.
set -u
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
ONLY=${ONLY:-}  # ONLY=nginx|caddy|apache tries just that one
bin=$(realpath "${1:?usage: $0 path/to/chatiere}")
here=$(cd "$(dirname "$0")/../.." && pwd)
contrib=$here/contrib
dir=$(mktemp -d /tmp/chatiere-proxy.XXXXXX)
chmod 755 "$dir"  # proxy workers may run as nobody when started by root
pids=()
passed=0 failed=0 skipped=0

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do  # up to 5 s each to stop, then forced
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null && wait "$p" 2>/dev/null
  done
  [ -n "${KEEP:-}" ] && echo "kept $dir" || rm -rf "$dir"
}
trap cleanup EXIT
trap 'echo "proxy_configs: timed out" >&2; exit 1' TERM
# Whole-script watchdog: 4 minutes.
( trap 'kill "$s" 2>/dev/null; exit 0' TERM; sleep 240 & s=$!; wait "$s" && kill -TERM $$ ) >/dev/null 2>&1 &
watchdog=$!
pids+=("$watchdog")

ok() { echo "  ok   $*"; passed=$((passed + 1)); }
bad() { echo "  FAIL $*"; failed=$((failed + 1)); }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 30000))
    port_free "$p" && { echo "$p"; return; }
  done
  echo "no free port" >&2; exit 1
}
wait_port() {  # wait_port PORT: up to 10 s for something to listen
  for _ in $(seq 100); do port_free "$1" || return 0; sleep 0.1; done
  return 1
}

# The two portals, shared by every proxy.
"$bin" init --demo --db "$dir/a.db" >/dev/null || { echo "init failed"; exit 1; }
cp "$dir/a.db" "$dir/b.db"
pa=$(free_port); pb=$(free_port)
"$bin" serve --db "$dir/a.db" --listen "127.0.0.1:$pa" --base-url "http://portail.example.org/" \
  >"$dir/portal-a.log" 2>&1 &
pids+=($!)
"$bin" serve --db "$dir/b.db" --listen "127.0.0.1:$pb" --base-url "http://example.org/portail/" \
  >"$dir/portal-b.log" 2>&1 &
pids+=($!)
wait_port "$pa" && wait_port "$pb" || { echo "the portals did not start"; cat "$dir"/portal-*.log; exit 1; }

# fetch HOST PORT PATH [curl args...]: prints "STATUS" and leaves body/headers in $dir/out.*
fetch() {
  local host=$1 port=$2 path=$3; shift 3
  curl -s --max-time 10 --resolve "$host:$port:127.0.0.1" -D "$dir/out.h" -o "$dir/out.b" \
    -w '%{http_code}' "$@" "http://$host:$port$path"
}

# check_site PROXY HOST PORT PREFIX ("/" or "/portail/")
check_site() {
  local proxy=$1 host=$2 port=$3 prefix=$4 what="$1 $2$4" s css
  s=$(fetch "$host" "$port" "$prefix")
  if [ "$s" = 200 ] && grep -q '<html lang=' "$dir/out.b"; then ok "$what page 200"; else bad "$what page: $s"; fi
  css=$(grep -o "href=\"${prefix}static/style\.[0-9a-f]*\.css\"" "$dir/out.b" | head -1 | cut -d'"' -f2)
  if [ -n "$css" ]; then
    ok "$what page links its stylesheet under $prefix"
    s=$(fetch "$host" "$port" "$css")
    if [ "$s" = 200 ] && grep -qi '^content-type: text/css' "$dir/out.h" && grep -qi 'immutable' "$dir/out.h"; then
      ok "$what static file $css (text/css, immutable)"
    else bad "$what static file $css: $s"; fi
  else
    bad "$what page has no stylesheet link under $prefix"
  fi
  s=$(fetch "$host" "$port" "${prefix}healthz")
  if [ "$s" = 200 ] && [ "$(cat "$dir/out.b")" = ok ]; then ok "$what healthz"; else bad "$what healthz: $s"; fi
  # /metrics stays behind the proxy (the portal itself would answer a loopback client).
  s=$(fetch "$host" "$port" "${prefix}metrics")
  if [ "$s" = 404 ] && ! grep -q chatiere_http_requests_total "$dir/out.b"; then ok "$what /metrics blocked"; else bad "$what /metrics: $s (want 404 from the proxy)"; fi
  s=$(fetch "$host" "$port" "${prefix}no-such-page")
  if [ "$s" = 404 ] && grep -q '<html lang=' "$dir/out.b"; then ok "$what 404 page from the portal"; else bad "$what 404: $s"; fi
  # 1 MiB reaches the portal (405: /healthz takes GET only), 3 MiB stops at the proxy (413).
  head -c 1048576 /dev/zero > "$dir/1m"; head -c 3145728 /dev/zero > "$dir/3m"
  s=$(fetch "$host" "$port" "${prefix}healthz" -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$dir/1m")
  if [ "$s" = 405 ]; then ok "$what 1 MiB body reaches the portal"; else bad "$what 1 MiB body: $s (want 405)"; fi
  s=$(fetch "$host" "$port" "${prefix}healthz" -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$dir/3m")
  if [ "$s" = 413 ]; then ok "$what 3 MiB body refused with 413"; else bad "$what 3 MiB body: $s (want 413)"; fi
  if [ "$prefix" != / ]; then
    s=$(fetch "$host" "$port" "${prefix%/}")
    if [[ "$s" =~ ^30[178]$ ]] && grep -qi "^location: .*${prefix}"$'\r'"\?$" "$dir/out.h"; then
      ok "$what ${prefix%/} redirects to $prefix"
    else bad "$what ${prefix%/}: $s $(grep -i '^location' "$dir/out.h")"; fi
  fi
}

run_checks() {  # run_checks PROXY PORT
  check_site "$1" portail.example.org "$2" /
  check_site "$1" example.org "$2" /portail/
}

# --- nginx -------------------------------------------------------------------------------
if [ -z "$ONLY" -o "$ONLY" = nginx ] && command -v nginx >/dev/null 2>&1; then
  echo "== nginx"
  n=$dir/nginx; mkdir -p "$n"; port=$(free_port); port80=$(free_port)
  sed -e "s/listen 443 ssl http2;/listen 127.0.0.1:$port;/" -e "s/listen 80;/listen 127.0.0.1:$port80;/" \
      -e '/listen \[::\]/d' -e '/ssl_certificate/d' \
      -e "s/127\.0\.0\.1:8080/127.0.0.1:$pa/" -e "s/127\.0\.0\.1:8081/127.0.0.1:$pb/" \
      "$contrib/nginx.conf" > "$n/site.conf"
  user_line=""; [ "$(id -u)" = 0 ] && user_line="user nobody nogroup;"
  cat > "$n/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $n/body; proxy_temp_path $n/proxy; fastcgi_temp_path $n/fastcgi;
  uwsgi_temp_path $n/uwsgi; scgi_temp_path $n/scgi;
  include $n/site.conf;
}
EOF
  if nginx -e "$n/error.log" -p "$n" -c "$n/nginx.conf" -t >"$n/test.log" 2>&1; then
    nginx -e "$n/error.log" -p "$n" -c "$n/nginx.conf" -g 'daemon off;' >>"$n/error.log" 2>&1 &
    pids+=($!)
    if wait_port "$port"; then
      run_checks nginx "$port"
      s=$(fetch portail.example.org "$port80" /)
      if [ "$s" = 301 ] && grep -qi '^location: https://portail.example.org/' "$dir/out.h"; then
        ok "nginx port 80 redirects to https"; else bad "nginx port 80: $s"; fi
    else bad "nginx did not start: $(tail -3 "$n/error.log")"; fi
  else
    bad "nginx -t refused the example: $(cat "$n/test.log")"
  fi
else
  echo "== nginx: not installed (or not in ONLY=$ONLY), skipped"; skipped=$((skipped + 1))
fi

# --- Caddy -------------------------------------------------------------------------------
if [ -z "$ONLY" -o "$ONLY" = caddy ] && command -v caddy >/dev/null 2>&1; then
  echo "== caddy"
  c=$dir/caddy; mkdir -p "$c"; port=$(free_port)
  { printf '{\n\tadmin off\n\tauto_https off\n}\n'
    sed -e "s/^portail\.example\.org {/http:\/\/portail.example.org:$port {/" \
        -e "s/^example\.org {/http:\/\/example.org:$port {/" \
        -e "s/127\.0\.0\.1:8080/127.0.0.1:$pa/" -e "s/127\.0\.0\.1:8081/127.0.0.1:$pb/" \
        "$contrib/Caddyfile"; } > "$c/Caddyfile"
  if HOME=$c XDG_DATA_HOME=$c XDG_CONFIG_HOME=$c caddy validate --config "$c/Caddyfile" --adapter caddyfile >"$c/test.log" 2>&1; then
    HOME=$c XDG_DATA_HOME=$c XDG_CONFIG_HOME=$c caddy run --config "$c/Caddyfile" --adapter caddyfile >"$c/run.log" 2>&1 &
    pids+=($!)
    if wait_port "$port"; then run_checks caddy "$port"
    else bad "caddy did not start: $(tail -3 "$c/run.log")"; fi
  else
    bad "caddy validate refused the example: $(tail -5 "$c/test.log")"
  fi
else
  echo "== caddy: not installed (or not in ONLY=$ONLY), skipped"; skipped=$((skipped + 1))
fi

# --- Apache ------------------------------------------------------------------------------
apache=$(command -v apache2 || command -v httpd || true)
mods=/usr/lib/apache2/modules
if [ -z "$ONLY" -o "$ONLY" = apache ] && [ -n "$apache" ] && [ -f "$mods/mod_proxy_http.so" ]; then
  echo "== apache"
  a=$dir/apache; mkdir -p "$a"; port=$(free_port); port80=$(free_port)
  sed -e "s/<VirtualHost \*:443>/<VirtualHost 127.0.0.1:$port>/" -e "s/<VirtualHost \*:80>/<VirtualHost 127.0.0.1:$port80>/" \
      -e '/SSLEngine/d' -e '/SSLCertificate/d' \
      -e "s/127\.0\.0\.1:8080/127.0.0.1:$pa/g" -e "s/127\.0\.0\.1:8081/127.0.0.1:$pb/g" \
      "$contrib/apache.conf" > "$a/site.conf"
  user_lines=""; [ "$(id -u)" = 0 ] && user_lines=$'User nobody\nGroup nogroup'
  cat > "$a/httpd.conf" <<EOF
ServerRoot "$a"
ServerName localhost
PidFile $a/httpd.pid
ErrorLog $a/error.log
LogLevel ${APACHE_LOGLEVEL:-warn}
DefaultRuntimeDir $a
Mutex file:$a default
$user_lines
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule alias_module $mods/mod_alias.so
LoadModule headers_module $mods/mod_headers.so
LoadModule rewrite_module $mods/mod_rewrite.so
LoadModule proxy_module $mods/mod_proxy.so
LoadModule proxy_http_module $mods/mod_proxy_http.so
Listen 127.0.0.1:$port
Listen 127.0.0.1:$port80
Include $a/site.conf
EOF
  if "$apache" -d "$a" -f "$a/httpd.conf" -t >"$a/test.log" 2>&1; then
    "$apache" -d "$a" -f "$a/httpd.conf" -DFOREGROUND >>"$a/error.log" 2>&1 &
    pids+=($!)
    if wait_port "$port"; then
      run_checks apache "$port"
      s=$(fetch portail.example.org "$port80" /)
      if [ "$s" = 301 ] && grep -qi '^location: https://portail.example.org/' "$dir/out.h"; then
        ok "apache port 80 redirects to https"; else bad "apache port 80: $s"; fi
    else bad "apache did not start: $(tail -3 "$a/error.log")"; fi
  else
    bad "apache -t refused the example: $(cat "$a/test.log")"
  fi
else
  echo "== apache: not installed (apache2 with mod_proxy_http, or not in ONLY=$ONLY), skipped"; skipped=$((skipped + 1))
fi

kill "$watchdog" 2>/dev/null
echo "proxy_configs: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
