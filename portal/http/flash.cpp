#include "http/flash.h"

namespace chatiere::http {

void Flash::put(int64_t session_id, std::string text, int64_t now) {
    std::lock_guard lock(mutex_);
    // Bounded: expired items go first; a flash is for the very next page.
    if (items_.size() >= 1000)
        for (auto it = items_.begin(); it != items_.end();) it = it->second.expires_at <= now ? items_.erase(it) : std::next(it);
    if (items_.size() >= 1000) items_.erase(items_.begin());
    items_[session_id] = {std::move(text), now + 600};
}

std::optional<std::string> Flash::take(int64_t session_id, int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(session_id);
    if (it == items_.end()) return std::nullopt;
    auto item = std::move(it->second);
    items_.erase(it);
    if (item.expires_at <= now) return std::nullopt;
    return std::move(item.text);
}

}  // namespace chatiere::http
