#pragma once
// Request and runtime measurements for /metrics.
#include <array>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

// What the server measures about itself, in memory, for /metrics (Prometheus text format).
// Counters live for the process (Prometheus takes rates of them); nothing identifies a
// person: requests are labelled by route pattern ("/status/incidents/:id"), never by URL.
namespace chatiere::http::telemetry {

// The latency histogram's upper bounds, in seconds (the +Inf bucket comes after).
inline constexpr double kLatencyBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

struct RequestCount {
    std::string method, route;
    int status = 0;
    uint64_t count = 0;
};
struct Snapshot {
    std::vector<RequestCount> requests;  // sorted by route, method, status
    std::vector<uint64_t> latency_buckets;  // cumulative, one per bound then +Inf
    double latency_sum = 0;
    uint64_t latency_count = 0;
    uint64_t cache_hits = 0, cache_misses = 0;
};

// One portal's measures (App::telemetry); thread-safe.
class Registry {
public:
    // One request answered (called by the server's logger, any thread). `route` is the matched
    // route's pattern, "unmatched" for a 404/405, "refused" for a request refused before routing.
    void record_request(std::string_view method, std::string_view route, int status, double seconds);
    // A public page looked up in the page cache (see PageCache).
    void record_page_cache(bool hit) { ++(hit ? cache_hits_ : cache_misses_); }
    Snapshot snapshot() const;
    // Forgets everything (tests).
    void reset();

private:
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // route, method, status
    std::array<uint64_t, std::size(kLatencyBuckets) + 1> buckets_{};          // per bucket, not cumulative
    double sum_ = 0;
    uint64_t count_ = 0;
    std::atomic<uint64_t> cache_hits_{0}, cache_misses_{0};
};

// Gauges and counters read elsewhere at scrape time.
struct Gauges {
    uint64_t db_pool_waits = 0;        // acquisitions that had to wait for a free connection
    double db_pool_wait_seconds = 0;   // total time waited
    int64_t outbox_pending = 0;
    int64_t outbox_oldest_age_seconds = 0;
    int64_t members_active = 0;        // active member accounts
    int64_t members_recent = 0;        // of which logged in during the last 30 days
    int64_t open_incidents = 0;
    int64_t open_maintenances = 0;
    std::string version;
};

// The whole exposition (text format 0.0.4): requests by route and status, the latency
// histogram, page cache hits and misses, throttled log-ins (429 answers to the log-in
// forms), database pool waits, outbox, members, open incidents, process memory and threads.
std::string exposition(const Snapshot& s, const Gauges& g);

// Process figures from /proc/self (0 when unavailable).
struct ProcessStats {
    int64_t resident_bytes = 0, virtual_bytes = 0, threads = 0, open_fds = 0;
    double cpu_seconds = 0, start_time_seconds = 0;
};
ProcessStats process_stats();

// Whether `address` (IPv4 or IPv6, as text) is in a comma-separated list of addresses and
// CIDR ranges ("127.0.0.1, ::1, 10.0.0.0/8"). Unparsable items match nothing.
bool address_allowed(std::string_view address, std::string_view list);
// Throws std::invalid_argument naming the first item that is neither an address nor a range.
void check_address_list(std::string_view list);

}  // namespace chatiere::http::telemetry
