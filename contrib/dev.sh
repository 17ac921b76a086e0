#!/bin/bash
# One entry point for trying and testing Chatière on Debian 12, as root (or with sudo):
#   bash contrib/dev.sh demo   install what is missing, build, serve a demo portal on 127.0.0.1:8080
#   bash contrib/dev.sh test   install what is missing, build (plain and sanitized), run every test
#   bash contrib/dev.sh deps   only install the packages
# Environment: DEMO_LISTEN (default 127.0.0.1:8080), JOBS (default: number of cores),
# FUZZ_SECONDS (time per fuzz target in `test`, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
jobs=${JOBS:-$(nproc)}
# The demo and the tests bring their own settings: never the machine's /etc/chatiere/chatiere.toml.
export CHATIERE_CONFIG=

# shellcheck source=contrib/lib/packages.sh
. contrib/lib/packages.sh  # build_packages, install_packages, as_root
# git: the tests read the tree; shellcheck: `contrib/install.sh --check`; prometheus: promtool
# checks /metrics; python3-feedparser reads the feeds (tests/scripts/interop.sh); apache2 with
# mod_auth_openidc is the relying party the browser suite logs in to (issue 17).
test_packages=(git doctest-dev sqlite3 curl shellcheck prometheus python3-feedparser
  apache2 libapache2-mod-auth-openidc)
# The fuzzers (tests/fuzz): clang with its libFuzzer and sanitizer runtimes.
fuzz_packages=(clang libclang-rt-14-dev)
# The browser suite (tests/e2e): Debian's chromium, node with npm, Java for the HTML checker;
# each only when its command is missing (node may come from elsewhere, with its own npm).
e2e_commands=(chromium:chromium node:nodejs npm:npm java:default-jre-headless)
install_e2e() { for c in "${e2e_commands[@]}"; do command -v "${c%%:*}" >/dev/null || install_packages "${c#*:}"; done; }

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  echo "== building in $dir"
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

case "$mode" in
  deps)
    install_packages "${build_packages[@]}" "${test_packages[@]}" "${fuzz_packages[@]}"
    install_e2e
    ;;
  demo)
    install_packages "${build_packages[@]}"
    build build -DCMAKE_BUILD_TYPE=Release -DCHATIERE_TESTS=OFF
    rm -f build/demo.db build/demo.db-wal build/demo.db-shm
    ./build/chatiere init --demo --db build/demo.db
    listen=${DEMO_LISTEN:-127.0.0.1:8080}
    echo "== demo portal at http://$listen/ (Ctrl-C to stop)"
    exec ./build/chatiere serve --db build/demo.db --listen "$listen" --base-url "http://$listen/"
    ;;
  test)
    install_packages "${build_packages[@]}" "${test_packages[@]}" "${fuzz_packages[@]}"
    install_e2e  # node runs the hostile clients and the browser suite
    start=$(date +%s)
    step() { echo "== $1 ($(( $(date +%s) - start )) s so far)"; }
    # The server install path: shellcheck and a dry run of every step, so it cannot rot unseen.
    step "install script check"
    bash contrib/install.sh --check
    build build -DCMAKE_BUILD_TYPE=Release
    # The validators the interop test runs: schema-dts and typescript, from the lock file.
    (cd tests/interop && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    export CHATIERE_REQUIRE_VALIDATORS=1
    step "unit, HTTP and command-line tests"
    (cd build && ctest -j"$jobs" --output-on-failure)
    # A real portal against hostile clients, then killed, starved of disk, made read-only.
    step "hostile clients"
    bash tests/robustness/hostile_clients.sh build/chatiere
    step "faults"
    bash tests/robustness/faults.sh build/chatiere
    # The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DCHATIERE_SANITIZE=ON
    step "tests under ASan and UBSan"
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -j"$jobs" --output-on-failure)
    # Every parser we own, fuzzed for a bounded time under ASan and UBSan.
    build build-fuzz -DCHATIERE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug
    step "fuzzing, ${FUZZ_SECONDS:-10} s per target"
    bash tests/fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-10}"
    # The browser suite: journeys in headless chromium, axe-core, the Nu HTML Checker.
    step "browser suite"
    (cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    bash tests/e2e/run.sh build/chatiere
    echo "== all tests passed in $(( $(date +%s) - start )) s"
    ;;
  *)
    sed -n '2,7p' "$0"
    exit 2
    ;;
esac
