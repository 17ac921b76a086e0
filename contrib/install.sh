#!/bin/bash
# Installs Chatière on a Debian 12 server, or upgrades it when run again. As root, from a clone:
#   bash contrib/install.sh --base-url https://portail.example.org/ [--listen 127.0.0.1:8080]
#   bash contrib/install.sh --check      shellcheck and a dry run printing every step
# It installs the build packages (and nothing for the tests), builds the portal, installs
# /usr/local/bin/chatiere, the `chatiere` system user, /etc/chatiere/chatiere.toml (0640,
# group chatiere) and /var/lib/chatiere, creates the database, and starts the systemd unit
# (or prints the command that runs the portal in the foreground, where systemd does not run).
# Run again, it backs the database up first, rebuilds, migrates and restarts.
# Environment: JOBS (build jobs, default: number of cores), CHATIERE_BUILD_DIR (default build-server).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,4p' "$0"; exit 2; }
base_url='' listen='' check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --base-url) base_url=${2:?--base-url needs a URL}; shift 2 ;;
    --base-url=*) base_url=${1#*=}; shift ;;
    --listen) listen=${2:?--listen needs HOST:PORT}; shift 2 ;;
    --listen=*) listen=${1#*=}; shift ;;
    --check) check=1; shift ;;
    -h|--help) usage ;;
    *) echo "install: unknown argument $1" >&2; usage ;;
  esac
done

bin=/usr/local/bin/chatiere
etc=/etc/chatiere
config=$etc/chatiere.toml
state=/var/lib/chatiere
db=$state/chatiere.db
unit=/etc/systemd/system/chatiere.service
build_dir=${CHATIERE_BUILD_DIR:-build-server}
jobs=${JOBS:-$(nproc)}
dry=0

# run CMD…: runs it, or in a dry run prints it.
run() {
  if [ "$dry" = 1 ]; then printf '  +'; printf ' %q' "$@"; printf '\n'; else "$@"; fi
}
as_chatiere() { run runuser -u chatiere -- "$@"; }

started=$(date +%s)
step_started=$started
step_name=
step() {
  local now; now=$(date +%s)
  [ -n "$step_name" ] && echo "   done in $(( now - step_started )) s"
  step_name=$1; step_started=$now
  echo "== [$(( now - started )) s] $1"
}

if [ "$check" = 1 ]; then
  command -v shellcheck >/dev/null || { echo "install --check: shellcheck is missing (apt-get install shellcheck)"; exit 2; }
  shellcheck -x contrib/install.sh contrib/dev.sh contrib/lib/packages.sh
  echo "install --check: shellcheck found nothing"
  dry=1
  base_url=${base_url:-https://portail.example.org/}
fi

[ -n "$base_url" ] || [ -e "$config" ] || { echo "install: --base-url is needed for a first install, e.g. --base-url https://portail.example.org/" >&2; exit 2; }
case "$base_url" in ""|http://*|https://*) ;; *) echo "install: --base-url must start with https:// or http://" >&2; exit 2 ;; esac
[ -z "$base_url" ] || [ "${base_url%/}/" = "$base_url" ] || base_url="$base_url/"
if [ "$dry" = 0 ] && [ "$(id -u)" != 0 ]; then echo "install: run it as root" >&2; exit 2; fi

upgrade=0
[ -x "$bin" ] && [ -e "$db" ] && upgrade=1
[ "$dry" = 1 ] && upgrade=0
systemd=0
[ -d /run/systemd/system ] && systemd=1

# shellcheck source=contrib/lib/packages.sh
. contrib/lib/packages.sh

step "packages (build and run only)"
if [ "$dry" = 1 ]; then echo "  + install_packages ${build_packages[*]}"; else install_packages "${build_packages[@]}"; fi

step "build ($build_dir, Release, without the tests, $jobs jobs)"
run cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCHATIERE_TESTS=OFF
run cmake --build "$build_dir" -j"$jobs"

if [ "$upgrade" = 1 ]; then
  step "backup of the database before the upgrade"
  backup="$state/backups/before-upgrade-$(date -u +%Y%m%d-%H%M%S).db"
  as_chatiere mkdir -p "$state/backups"
  as_chatiere "$bin" backup --config "$config" "$backup"
fi

step "install the binary, the user, the configuration and the state folder"
run install -m 0755 "$build_dir/chatiere" "$bin"
if ! id chatiere >/dev/null 2>&1; then
  run useradd --system --home-dir "$state" --no-create-home --shell /usr/sbin/nologin chatiere
fi
run install -d -m 0750 -o chatiere -g chatiere "$state"
run install -d -m 0750 -o root -g chatiere "$etc"
if [ ! -e "$config" ] || [ "$dry" = 1 ]; then
  # The documented example, with the three keys of this machine set.
  tmp_config=$(mktemp)
  sed -e "s|^# db = .*|db = \"$db\"|" \
      -e "s|^# base_url = .*|base_url = \"$base_url\"|" \
      -e "s|^# listen = .*|listen = \"${listen:-127.0.0.1:8080}\"|" \
      config/chatiere.toml.example >"$tmp_config"
  run install -m 0640 -o root -g chatiere "$tmp_config" "$config"
  [ "$dry" = 1 ] && grep -E '^(db|base_url|listen) = ' "$tmp_config" | sed 's/^/    /'
  rm -f "$tmp_config"
else
  # An existing configuration is kept; only what this command says is changed.
  [ -n "$base_url" ] && run sed -i "s|^#\? *base_url = .*|base_url = \"$base_url\"|" "$config"
  [ -n "$listen" ] && run sed -i "s|^#\? *listen = .*|listen = \"$listen\"|" "$config"
  run chown root:chatiere "$config"
  run chmod 0640 "$config"
fi
as_chatiere "$bin" config --config "$config" >/dev/null

if [ "$upgrade" = 1 ]; then
  step "migrate the database"
  as_chatiere "$bin" migrate --config "$config"
else
  step "create the database"
  as_chatiere "$bin" init --config "$config"
fi

if [ "$dry" = 1 ]; then
  listen_now=${listen:-127.0.0.1:8080} base_now=$base_url
else
  listen_now=$("$bin" config --config "$config" | sed -n 's/^listen = "\(.*\)"$/\1/p')
  base_now=$("$bin" config --config "$config" | sed -n 's/^base_url = "\(.*\)"$/\1/p')
fi
if [ "$systemd" = 1 ] || [ "$dry" = 1 ]; then
  step "systemd unit"
  run install -m 0644 contrib/chatiere.service "$unit"
  run systemctl daemon-reload
  if [ "$upgrade" = 1 ]; then run systemctl restart chatiere; else run systemctl enable --now chatiere; fi
fi
step "finished"
echo "   in $(( $(date +%s) - started )) s in all"

host_port=${base_now#*://}; host_port=${host_port%%/*}; host=${host_port%%:*}
path=/${base_now#*://*/}
# Caddy serves an https:// site with a certificate it obtains; a plain http base URL stays http.
site=$host
case "$base_now" in http://*) site=http://$host ;; esac
echo
if [ "$systemd" = 1 ]; then
  echo "The portal runs under systemd (journalctl -u chatiere), listening on $listen_now."
else
  echo "systemd is not running here: start the portal in the foreground with"
  echo "  runuser -u chatiere -- $bin serve"
fi
if [ "$upgrade" = 1 ]; then
  echo "The database was saved first to $backup."
  [ "$systemd" = 1 ] || echo "Restart the portal: stop the running 'chatiere serve' and start it again with the command above."
fi
cat <<MSG

Make the first administrator (the password is read from standard input):
  printf '%s\n' 'a long passphrase of yours' | chatiere user add alice --email alice@example.org --admin --password-stdin
then log in at ${base_now}login and fill in the identity at ${base_now}admin/settings.

Reverse proxy for $base_now (full examples: contrib/Caddyfile, contrib/nginx.conf, contrib/apache.conf).
Caddy obtains the TLS certificate by itself (apt-get install caddy; in /etc/caddy/Caddyfile):
MSG
if [ "$path" = / ]; then
  printf '  %s {\n    reverse_proxy %s\n  }\n' "$site" "$listen_now"
else
  printf '  %s {\n    redir %s %s/ 301\n    handle %s/* {\n      reverse_proxy %s\n    }\n  }\n' \
    "$site" "${path%/}" "${path%/}" "${path%/}" "$listen_now"
fi
cat <<MSG
nginx (then: certbot --nginx -d $host, for the certificate):
  server {
    listen 80;
    server_name $host;
    client_max_body_size 2m;
    location $path {
      proxy_pass http://$listen_now;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
MSG
