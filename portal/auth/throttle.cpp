#include "auth/throttle.h"

#include <algorithm>

namespace chatiere::auth {

Throttle::Throttle(int free_failures, int max_per_hour, int64_t max_delay, size_t max_keys)
    : free_(free_failures), max_(max_per_hour), max_delay_(max_delay), max_keys_(max_keys) {}

void Throttle::set_limits(int free_failures, int max_per_hour, int64_t max_delay) {
    std::lock_guard lock(mutex_);
    free_ = free_failures;
    max_ = max_per_hour;
    max_delay_ = max_delay;
}

void Throttle::prune(std::deque<int64_t>& times, int64_t now) const {
    while (!times.empty() && times.front() <= now - 3600) times.pop_front();
}

std::optional<int64_t> Throttle::wait(const std::string& key, int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return std::nullopt;
    prune(it->second, now);
    auto& times = it->second;
    int n = static_cast<int>(times.size());
    if (n >= max_) return std::max<int64_t>(1, times.front() + 3600 - now);
    if (n < free_) return std::nullopt;
    int64_t delay = std::min<int64_t>(max_delay_, int64_t{1} << std::min(n - free_, 30));
    int64_t ready = times.back() + delay;
    if (now < ready) return ready - now;
    return std::nullopt;
}

void Throttle::failure(const std::string& key, int64_t now) {
    std::lock_guard lock(mutex_);
    if (failures_.size() >= max_keys_ && !failures_.count(key)) {
        // Full: forget keys whose failures are all older than an hour; if none, the oldest.
        for (auto it = failures_.begin(); it != failures_.end();) {
            prune(it->second, now);
            it = it->second.empty() ? failures_.erase(it) : std::next(it);
        }
        if (failures_.size() >= max_keys_) {
            auto oldest = std::min_element(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) {
                return a.second.back() < b.second.back();
            });
            failures_.erase(oldest);
        }
    }
    auto& times = failures_[key];
    prune(times, now);
    times.push_back(now);
    // Never keep more than the hourly maximum per key: memory stays bounded.
    while (static_cast<int>(times.size()) > max_) times.pop_front();
}

void Throttle::success(const std::string& key) {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
}

size_t Throttle::keys() const {
    std::lock_guard lock(mutex_);
    return failures_.size();
}

}  // namespace chatiere::auth
