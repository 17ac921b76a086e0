#include "http/page_cache.h"

#include <chrono>

namespace chatiere::http {

PageCache::Lookup PageCache::lookup(const std::string& key, uint64_t generation, int64_t now, int ttl_seconds) {
    auto fresh = [&](const Entry& e) {
        return e.generation == generation && now - e.made_at < ttl_seconds && now >= e.made_at;
    };
    {
        std::shared_lock shared(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end() && fresh(it->second)) return {it->second.page, false};
    }
    std::unique_lock lock(mutex_);
    // A render stuck this long (a slow disk?) is not waited for any more: render too.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (;;) {
        auto it = entries_.find(key);
        if (it == entries_.end()) return {};  // never stored: no one to wait for
        const Entry& e = it->second;
        if (fresh(e)) return {e.page, false};
        if (!rendering_.count(key)) {
            rendering_.insert(key);
            return {nullptr, true};
        }
        if (e.generation == generation) return {e.page, false};  // only the clock made it stale
        if (rendered_.wait_until(lock, give_up) == std::cv_status::timeout) return {};
    }
}

void PageCache::put(const std::string& key, uint64_t generation, int64_t now, Page page) {
    auto shared = std::make_shared<const Page>(std::move(page));
    std::unique_lock lock(mutex_);
    rendering_.erase(key);
    rendered_.notify_all();
    size_t size = shared->body.size() + key.size();
    if (size > max_bytes_ / 8) return;  // one huge page would push everything else out
    if (auto it = entries_.find(key); it != entries_.end()) {
        bytes_ -= it->second.page->body.size() + key.size();
        entries_.erase(it);
    }
    // Bounded in count and bytes: URLs with arbitrary query strings cannot grow it.
    if (entries_.size() >= max_entries_ || bytes_ + size > max_bytes_) {
        entries_.clear();
        bytes_ = 0;
    }
    entries_.emplace(key, Entry{generation, now, std::move(shared)});
    bytes_ += size;
}

void PageCache::abandon(const std::string& key) {
    std::unique_lock lock(mutex_);
    if (rendering_.erase(key)) rendered_.notify_all();
}

}  // namespace chatiere::http
