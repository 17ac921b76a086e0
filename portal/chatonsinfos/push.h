#pragma once
// Telling a directory that the published profile changed (optional push).
#include <cstdint>
#include <functional>
#include <string>

#include "db/database.h"
#include "chatonsinfos/writer.h"

// Optional push: when the published profile changes, POST the organization file's URL to a
// directory address the admin configured (setting profile.push.url; empty = off, the default).
// The body is application/x-www-form-urlencoded `url=<organization file URL>`.
namespace chatiere::chatonsinfos {

struct PushResult {
    bool attempted = false;  // a push was due and tried
    bool ok = false;         // the directory answered 2xx
    std::string error;
};

// Hash over every published file's content; a push is due when it differs from the last
// successful push's (setting profile.push.last_hash). Call from the serve loop (every few
// minutes); never on a request path. `timeout_seconds` bounds the POST.
PushResult push_if_changed(db::Database& db, const Site& site, int64_t now, int timeout_seconds = 10);

}  // namespace chatiere::chatonsinfos
