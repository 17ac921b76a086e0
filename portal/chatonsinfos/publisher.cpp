#include "chatonsinfos/publisher.h"

#include <stdexcept>

#include "auth/random.h"
#include "chatonsinfos/signing.h"
#include "store/profile_keys.h"

namespace chatiere::chatonsinfos {

std::optional<Published> PublishCache::find(const std::string& file_name, const std::string& content_hash) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(file_name);
    if (it == entries_.end() || it->second.content_hash != content_hash) return std::nullopt;
    return it->second.published;
}

void PublishCache::put(const std::string& file_name, const std::string& content_hash, const Published& p) {
    std::lock_guard lock(mutex_);
    entries_[file_name] = Entry{content_hash, p};
}

void PublishCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

std::optional<Published> publish(db::Database& db, const Site& site, std::string_view file_name, int64_t now) {
    auto content = content_for(db, site, file_name, now);
    if (!content) return std::nullopt;
    // The signing key is part of what a file's cached signature depends on.
    std::string hash = auth::hash_token(content_hash(*content) + "\n" + ensure_signing_key(db, now));
    const std::string name(file_name);
    if (site.cache)
        if (auto cached = site.cache->find(name, hash)) return cached;
    int64_t changed_at = now;
    auto state = store::profile_file_state(db, file_name);
    if (state && state->content_hash == hash) changed_at = state->changed_at;
    else store::save_profile_file_state(db, file_name, hash, now);

    Published p;
    p.name = std::string(file_name);
    if (!site.zone) throw std::logic_error("chatonsinfos::Site without a time zone");
    p.body = render(*content, iso_datetime_local(*site.zone, changed_at));
    p.signature = sign(db, p.body, now);
    p.etag = auth::hash_token(p.body).substr(0, 32);
    p.changed_at = changed_at;
    if (site.cache) site.cache->put(name, hash, p);
    return p;
}

}  // namespace chatiere::chatonsinfos
