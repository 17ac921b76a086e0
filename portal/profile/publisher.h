#pragma once
// The published profile files, built from the database and kept until it changes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"
#include "profile/writer.h"

namespace chatiere::profile {

// A published file, ready to serve.
struct Published {
    std::string name;
    std::string body;       // the .properties bytes
    std::string signature;  // base64 detached Ed25519 signature of `body`, without newline
    std::string etag;       // content hash (changes with file.datetime too)
    int64_t changed_at = 0; // file.datetime and Last-Modified
};

// Builds `file_name` from the database and returns its published form. The content is built
// on every call (it is small), hashed, and compared with the last published hash (kept in
// memory and in table profile_files): file.datetime moves only when the content changes, and
// the bytes and signature are reused otherwise. nullopt when no such file is published.
std::optional<Published> publish(db::Database& db, const Site& site, std::string_view file_name, int64_t now);

// Forgets the in-memory cache (tests).
void clear_publish_cache();

}  // namespace chatiere::profile
