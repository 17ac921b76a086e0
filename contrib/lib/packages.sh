# Debian 12 packages Chatière needs, and how they are installed (sourced by contrib/dev.sh and
# contrib/install.sh, so that the server install and the developer's set-up never drift).
# shellcheck shell=bash

# To build and run the portal: a server needs these and nothing else.
# shellcheck disable=SC2034  # used by the scripts that source this file
build_packages=(build-essential cmake pkg-config
  libcpp-httplib-dev libsqlite3-dev libsodium-dev libkainjow-mustache-dev libspdlog-dev
  nlohmann-json3-dev libcmark-dev libcli11-dev libtomlplusplus-dev libssl-dev
  tzdata)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# install_packages NAME…: installs those not installed yet (one apt-get run), quietly.
install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
