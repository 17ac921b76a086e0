#!/bin/bash
# 50 simultaneous log-ins against a real portal on 127.0.0.1: prints the log-in latency
# (median, 95th percentile, max) and the portal's memory (resident before, peak during).
# usage: tests/bench/login_burst.sh build/chatiere [CONCURRENT=50]
set -euo pipefail
export CHATIERE_CONFIG=  # never the machine's /etc/chatiere/chatiere.toml
bin=$(realpath "$1")
n=${2:-50}
port=${PORT:-$((20000 + RANDOM % 20000))}
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
base=http://127.0.0.1:$port

"$bin" init --db "$dir/p.db" >/dev/null
printf 'a long benchmark passphrase\n' | "$bin" user add bench --email bench@example.org --password-stdin --db "$dir/p.db" >/dev/null
CHATIERE_ACCESS_LOG=false "$bin" serve --db "$dir/p.db" --listen 127.0.0.1:$port --base-url $base/ 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do curl -fs $base/healthz >/dev/null 2>&1 && break; sleep 0.05; done

# Each client first fetches the form (cookie + CSRF token), like a browser.
for i in $(seq "$n"); do
  curl -s -c "$dir/jar$i" "$base/login" > "$dir/form$i"
  sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$dir/form$i" | head -1 > "$dir/token$i"
done
rss_before=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
( peak=0; while kill -0 $pid 2>/dev/null; do r=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r && echo $peak > "$dir/peak"; sleep 0.01; done ) &
sampler=$!
start=$(date +%s.%N)
clients=()
for i in $(seq "$n"); do
  curl -s -o /dev/null -b "$dir/jar$i" -w '%{http_code} %{time_total}\n' \
    --data-urlencode "_csrf=$(cat "$dir/token$i")" --data-urlencode login=bench \
    --data-urlencode "password=a long benchmark passphrase" "$base/login" > "$dir/time$i" &
  clients+=($!)
done
# A page request in the middle of the burst: does the portal stay responsive?
sleep 0.2
page_ms=$(curl -s -o /dev/null -w '%{time_total}' "$base/" | awk '{printf "%.0f", $1*1000}')
wait "${clients[@]}"
end=$(date +%s.%N)
kill $sampler 2>/dev/null || true
ok=$(cat "$dir"/time* | awk '$1==303' | wc -l)
cat "$dir"/time* | awk '{print $2*1000}' | sort -n > "$dir/all"
p() { awk -v q="$1" '{a[NR]=$1} END{i=int(NR*q); if(i<1)i=1; printf "%.0f", a[i]}' "$dir/all"; }
# The page-request latency while the burst runs is what members feel.
echo "log-ins: $ok/$n succeeded in $(echo "$end - $start" | bc | xargs printf '%.2f') s"
echo "log-in latency: median $(p 0.5) ms, p95 $(p 0.95) ms, max $(p 1.0) ms"
echo "a page requested during the burst answered in $page_ms ms"
echo "memory: $((rss_before / 1024)) MiB before, peak $(( $(cat "$dir/peak" 2>/dev/null || echo 0) / 1024 )) MiB during the burst (VmHWM $(awk '/VmHWM/{print int($2/1024)}' /proc/$pid/status) MiB)"
[ "$ok" -eq "$n" ]
