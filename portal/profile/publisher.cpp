#include "profile/publisher.h"

#include <map>
#include <mutex>

#include "auth/random.h"
#include "profile/signing.h"
#include "store/profile_keys.h"

namespace chatiere::profile {

namespace {
struct Cached {
    std::string content_hash;
    Published published;
};
std::mutex g_mutex;
// Keyed by database file and file name, so that several portals in one process (tests) never share.
std::map<std::pair<std::string, std::string>, Cached> g_cache;
}  // namespace

void clear_publish_cache() {
    std::lock_guard lock(g_mutex);
    g_cache.clear();
}

std::optional<Published> publish(db::Database& db, const Site& site, std::string_view file_name, int64_t now) {
    auto content = content_for(db, site, file_name, now);
    if (!content) return std::nullopt;
    // The signing key is part of what a file's cached signature depends on.
    std::string hash = auth::hash_token(content_hash(*content) + "\n" + ensure_signing_key(db, now));
    auto key = std::make_pair(db.path() + "\n" + site.base_url, std::string(file_name));
    {
        std::lock_guard lock(g_mutex);
        auto it = g_cache.find(key);
        if (it != g_cache.end() && it->second.content_hash == hash) return it->second.published;
    }
    int64_t changed_at = now;
    auto state = store::profile_file_state(db, file_name);
    if (state && state->content_hash == hash) changed_at = state->changed_at;
    else store::save_profile_file_state(db, file_name, hash, now);

    Published p;
    p.name = std::string(file_name);
    p.body = render(*content, iso_datetime_local(changed_at));
    p.signature = sign(db, p.body, now);
    p.etag = auth::hash_token(p.body).substr(0, 32);
    p.changed_at = changed_at;
    std::lock_guard lock(g_mutex);
    g_cache[key] = Cached{hash, p};
    return p;
}

}  // namespace chatiere::profile
