#!/bin/sh
# Fake sendmail for the browser tests: `fake-sendmail.sh FOLDER [sendmail options]`.
# Reads one message on standard input and writes it to FOLDER/<time>-<pid>.eml (written to a
# hidden file first, then renamed, so a test never reads half a message). Options are ignored.
set -eu
folder=$1
tmp=$(mktemp "$folder/.incoming.XXXXXX")
cat >"$tmp"
mv "$tmp" "$folder/$(date +%s%N)-$$.eml"
