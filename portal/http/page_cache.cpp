#include "http/page_cache.h"

namespace chatiere::http {

std::optional<PageCache::Page> PageCache::get(const std::string& key, uint64_t generation, int64_t minute) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation || it->second.minute != minute) return std::nullopt;
    return it->second.page;
}

void PageCache::put(const std::string& key, uint64_t generation, int64_t minute, Page page) {
    std::lock_guard lock(mutex_);
    // Bounded: URLs with arbitrary query strings cannot grow it without limit.
    if (entries_.size() >= max_ && !entries_.count(key)) entries_.clear();
    entries_[key] = Entry{generation, minute, std::move(page)};
}

}  // namespace chatiere::http
