#!/bin/bash
# The first minutes of a new hoster, through the web forms only, after contrib/install.sh:
#   bash tests/scripts/install_journey.sh BASE_URL LOGIN PASSWORD
# logs in, fills the identity (not a member of the collective yet), writes the legal notice,
# and adds two services. Run by tests/scripts/fresh_install.sh in a throw-away Debian 12 (it
# needs a freshly installed portal); exits non-zero at the first form that is refused.
set -euo pipefail
base=${1:?BASE_URL}; login=${2:?LOGIN}; password=${3:?PASSWORD}
base=${base%/}/
jar=$(mktemp); page=$(mktemp)
trap 'rm -f "$jar" "$page"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# csrf PATH: loads the form page and prints its CSRF token.
csrf() {
  curl -fsS -b "$jar" -c "$jar" -H 'Accept-Language: en' "$base$1" >"$page" || fail "GET $1"
  sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$page" | head -1
}
# post PATH FIELD=VALUE…: sends a form (multipart, as the browser does) and expects a redirect.
post() {
  local path=$1; shift
  local token; token=$(csrf "$path")
  local args=(-F "_csrf=$token")
  for f in "$@"; do args+=(--form-string "$f"); done
  local code; code=$(curl -sS -o "$page" -w '%{http_code}' -b "$jar" -c "$jar" -H 'Accept-Language: en' "${args[@]}" "$base$path")
  [ "$code" = 303 ] || { grep -o 'class="error"[^<]*<' "$page" >&2 || true; fail "POST $path answered $code"; }
}

token=$(csrf login)
code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" \
  --data-urlencode "login=$login" --data-urlencode "password=$password" "${base}login")
[ "$code" = 303 ] || fail "log-in answered $code"
curl -fsS -b "$jar" "${base}admin" | grep -q 'admin/settings' || fail "the admin home after log-in"
echo "logged in as $login"

post admin/settings \
  "name=Les Chatons du Lavoir" \
  "tagline.fr=Des services libres, près de chez vous" "tagline.en=Free services, close to home" \
  "description.fr=Association qui héberge des services libres pour ses membres." \
  "description.en=An association hosting free services for its members." \
  type=ASSOCIATION status_level=ACTIVE startdate=2021-03-14 \
  contact_email=contact@lavoir.example country_name=France country_code=FR \
  chatons_member=NOT_YET
echo "identity saved"

post admin/pages/legal/fr "title=Mentions légales" \
  "body=Ce site est édité par l'association Les Chatons du Lavoir. Hébergement : nos serveurs, en France." "position=0"
curl -fsS -o /dev/null "${base}legal" || fail "the legal notice is not public"
echo "legal notice written"

service() {
  post admin/services/new "slug=$1" "name=$2" "website=https://$1.lavoir.example/" start_date=2022-01-10 \
    registration=Member registration_load=OPEN position="$3" visibility=public admin_state=auto \
    "host_name=Les Chatons du Lavoir" host_provider_type=HOSTEDSERVER host_server_type=VIRTUAL \
    "software_name=$4" "software_license_name=$5" install_type=DISTRIBUTION
}
service nuage Nuage 1 Nextcloud AGPL-3.0-or-later
service pad "Bloc-notes" 2 Etherpad Apache-2.0
echo "two services added"
