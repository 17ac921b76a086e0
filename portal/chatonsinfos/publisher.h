#pragma once
// The published profile files, built from the database and kept until it changes.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"
#include "chatonsinfos/writer.h"

namespace chatiere::chatonsinfos {

// A published file, ready to serve.
struct Published {
    std::string name;
    std::string body;       // the .properties bytes
    std::string signature;  // base64 detached Ed25519 signature of `body`, without newline
    std::string etag;       // content hash (changes with file.datetime too)
    int64_t changed_at = 0; // file.datetime and Last-Modified
};

// A portal's published files as last built, with the hash of the content they were built
// from (one per portal: App; thread-safe).
class PublishCache {
public:
    std::optional<Published> find(const std::string& file_name, const std::string& content_hash) const;
    void put(const std::string& file_name, const std::string& content_hash, const Published& p);
    // Forgets everything, as after a restart (tests).
    void clear();

private:
    struct Entry {
        std::string content_hash;
        Published published;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> entries_;
};

// Builds `file_name` from the database and returns its published form. The content is built
// on every call (it is small), hashed, and compared with the last published hash (kept in
// site.cache when there is one, and in table profile_files): file.datetime moves only when
// the content changes, and the bytes and signature are reused otherwise. nullopt when no such
// file is published.
std::optional<Published> publish(db::Database& db, const Site& site, std::string_view file_name, int64_t now);

}  // namespace chatiere::chatonsinfos
