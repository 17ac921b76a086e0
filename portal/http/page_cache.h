#pragma once
#include <cstdint>
#include <mutex>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace chatiere::http {

// Rendered public pages as an anonymous visitor sees them, keyed by language and URL.
// An entry is only valid for the write generation and the minute it was made in: any
// state-changing request empties it at once, and time-driven changes (a maintenance window
// opening, a command-line write) show within a minute. Pages that hold a form (a per-visitor
// CSRF token) or set a cookie are never stored.
class PageCache {
public:
    struct Page {
        int status = 200;
        std::multimap<std::string, std::string> headers;  // as the handler set them (CORS, ETag…)
        std::string body;
    };
    explicit PageCache(size_t max_entries = 512) : max_(max_entries) {}

    std::optional<Page> get(const std::string& key, uint64_t generation, int64_t minute);
    void put(const std::string& key, uint64_t generation, int64_t minute, Page page);

private:
    struct Entry {
        uint64_t generation;
        int64_t minute;
        Page page;
    };
    size_t max_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace chatiere::http
