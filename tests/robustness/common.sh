# Shared by the robustness scripts (sourced): a scratch folder, starting and stopping a real
# portal on 127.0.0.1 and a random free port, and one line per check.
# Expects $bin (the chatiere binary) to be set by the caller.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/chatiere-robustness.XXXXXX")
failures=0
portal_pid=
declare -a started_pids=()

cleanup() {
  for p in "${started_pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# check NAME OK FIGURE: prints "ok   NAME: FIGURE" or "FAIL NAME: FIGURE".
check() {
  if [ "$2" = 1 ]; then echo "ok   $1: $3"; else echo "FAIL $1: $3"; failures=$((failures + 1)); fi
}

free_port() {
  local p
  for _ in $(seq 50); do
    # Below Linux's ephemeral range (32768-60999), where the clients' own ports are taken.
    p=$((20000 + RANDOM % 12000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port found" >&2
  return 1
}

# start_portal DB LOG [wrapper…]: starts `chatiere serve` (through the wrapper command, if any:
# prlimit, setpriv…) on a new port; sets $port, $base and $portal_pid, waits for /healthz.
start_portal() {
  local db=$1 log=$2
  shift 2
  for _attempt in 1 2 3; do
    port=$(free_port)
    base=http://127.0.0.1:$port
    "$@" "$bin" serve --db "$db" --listen "127.0.0.1:$port" --base-url "$base/" >>"$log" 2>&1 &
    portal_pid=$!
    started_pids+=("$portal_pid")
    for _ in $(seq 200); do
      curl -fs -o /dev/null "$base/healthz" 2>/dev/null && return 0
      kill -0 "$portal_pid" 2>/dev/null || break
      sleep 0.05
    done
    # Someone took the port in between: try another one.
    tail -1 "$log" | grep -q 'cannot listen' || break
  done
  echo "the portal did not start; its log:" >&2
  tail -20 "$log" >&2
  return 1
}

stop_portal() {
  kill -TERM "$portal_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$portal_pid" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$portal_pid" 2>/dev/null || true
  wait "$portal_pid" 2>/dev/null || true
}

# The portal's options for these runs: quiet access log, no page cache surprises.
export CHATIERE_ACCESS_LOG=false
