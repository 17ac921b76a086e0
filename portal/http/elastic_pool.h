#pragma once
// The worker pool that grows with connections instead of stalling.
#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace chatiere::http {

// cpp-httplib gives each connection a worker for as long as it stays open (keep-alive
// included), so a fixed pool of N threads lets N idle clients stall everyone else. This pool
// grows a thread whenever no worker is free, up to `max`, and lets extra threads go after
// `idle_timeout` without work. Threads get small stacks, so hundreds of idle connections cost
// little memory.
//
// The worker that went idle last is woken first (a stack, not a queue): after a burst has
// grown the pool, the next requests run on the same few threads, whose malloc caches are
// already filled, and the others stay idle long enough to exit. Woken in turn, every thread
// would keep its own cache of freed blocks and none would ever be idle for long.
class ElasticPool : public httplib::TaskQueue {
public:
    ElasticPool(int min_threads, int max_threads, size_t stack_bytes = 512 * 1024,
                std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
    ~ElasticPool() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    int threads() const;
    int idle_threads() const;

private:
    struct Sleeper {
        std::condition_variable wake;
        bool woken = false;
    };

    static void* run(void* self);
    void work();
    void spawn_locked();

    mutable std::mutex mutex_;
    std::condition_variable all_done_;
    std::deque<std::function<void()>> jobs_;
    std::vector<Sleeper*> sleepers_;  // idle workers; the back one went idle last
    int min_, max_;
    size_t stack_bytes_;
    std::chrono::milliseconds idle_timeout_;
    int threads_ = 0;
    int busy_ = 0;
    bool stopping_ = false;
    int64_t last_busy_warning_ = 0;  // steady-clock seconds; one warning a minute at most
};

}  // namespace chatiere::http
