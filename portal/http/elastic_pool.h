#pragma once
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace chatiere::http {

// cpp-httplib gives each connection a worker for as long as it stays open (keep-alive
// included), so a fixed pool of N threads lets N idle clients stall everyone else. This pool
// grows a thread whenever no worker is free, up to `max`, and lets extra threads go after
// a while without work. Threads get small stacks, so hundreds of idle connections cost
// little memory.
class ElasticPool : public httplib::TaskQueue {
public:
    ElasticPool(int min_threads, int max_threads, size_t stack_bytes = 512 * 1024);
    ~ElasticPool() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    int threads() const;

private:
    static void* run(void* self);
    void work();
    void spawn_locked();

    mutable std::mutex mutex_;
    std::condition_variable work_ready_;
    std::condition_variable all_done_;
    std::deque<std::function<void()>> jobs_;
    int min_, max_;
    size_t stack_bytes_;
    int threads_ = 0;
    int idle_ = 0;
    bool stopping_ = false;
};

}  // namespace chatiere::http
