#pragma once
// Messages kept on the server for one session and shown once, after a redirect: what must
// not travel in a URL (browser history, proxy and access logs), such as an invitation link.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace chatiere::http {

class Flash {
public:
    // Keeps `text` for the session for 10 minutes (one per session; a new one replaces it).
    void put(int64_t session_id, std::string text, int64_t now);
    // The text, once: it is forgotten as it is read.
    std::optional<std::string> take(int64_t session_id, int64_t now);

private:
    struct Item {
        std::string text;
        int64_t expires_at;
    };
    std::mutex mutex_;
    std::map<int64_t, Item> items_;
};

}  // namespace chatiere::http
