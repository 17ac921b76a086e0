#pragma once
// The cache of rendered public pages.
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace chatiere::http {

// Rendered public pages and documents as an anonymous visitor sees them, keyed by language
// and URL. An entry serves while the write generation it was made in is current and it is
// younger than the time to live: any state-changing request makes every entry stale at once,
// and time-driven changes (a maintenance window opening, a command-line write) show within
// the time to live. Pages that hold a form (a per-visitor CSRF token) or set a cookie are
// never stored.
//
// When a stored page goes stale, one request renders it again; meanwhile the others get the
// previous copy if only time made it stale, or wait for the new one if something was written
// (so a visitor never sees a page older than a change they were told about). Entries share
// their bytes: a hit copies nothing but the headers.
class PageCache {
public:
    struct Page {
        int status = 200;
        std::multimap<std::string, std::string> headers;  // as the handler set them (CORS, ETag…)
        std::string body;
    };
    using Shared = std::shared_ptr<const Page>;

    explicit PageCache(size_t max_entries = 512, size_t max_bytes = 32u << 20)
        : max_entries_(max_entries), max_bytes_(max_bytes) {}

    // A page to send, or nullptr: then the caller renders, and must call put() or abandon()
    // for KEY if `renders` says it was given the job.
    struct Lookup {
        Shared page;
        bool renders = false;
    };
    Lookup lookup(const std::string& key, uint64_t generation, int64_t now, int ttl_seconds);
    void put(const std::string& key, uint64_t generation, int64_t now, Page page);
    void abandon(const std::string& key);

private:
    struct Entry {
        uint64_t generation;
        int64_t made_at;
        Shared page;
    };
    size_t max_entries_, max_bytes_;
    size_t bytes_ = 0;
    // Readers of fresh pages share the lock: with hundreds of connections, a hit must not
    // queue behind other hits.
    std::shared_mutex mutex_;
    std::condition_variable_any rendered_;
    std::unordered_map<std::string, Entry> entries_;
    std::unordered_set<std::string> rendering_;
};

}  // namespace chatiere::http
