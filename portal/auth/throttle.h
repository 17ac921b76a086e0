#pragma once
// Counting failed attempts per key, with growing delays and an hourly cap.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace chatiere::auth {

// Counts failed log-ins per key (an account or an address) over the last hour. After
// `free_failures` failures, each new attempt must wait a delay that doubles with every
// failure (capped at `max_delay`); after `max_per_hour` failures the key is refused until
// the hour has passed. Kept in memory with a bounded number of keys.
class Throttle {
public:
    Throttle(int free_failures, int max_per_hour, int64_t max_delay_seconds, size_t max_keys = 100000);
    // Changes the limits (from the configuration, before serving).
    void set_limits(int free_failures, int max_per_hour, int64_t max_delay_seconds);

    // Seconds to wait before the next attempt is allowed, or nullopt when it may go ahead.
    std::optional<int64_t> wait(const std::string& key, int64_t now);
    void failure(const std::string& key, int64_t now);
    void success(const std::string& key);
    size_t keys() const;

private:
    void prune(std::deque<int64_t>& times, int64_t now) const;
    int free_, max_;
    int64_t max_delay_;
    size_t max_keys_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::deque<int64_t>> failures_;
};

}  // namespace chatiere::auth
