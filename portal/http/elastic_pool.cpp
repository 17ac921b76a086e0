#include "http/elastic_pool.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace chatiere::http {

ElasticPool::ElasticPool(int min_threads, int max_threads, size_t stack_bytes)
    : min_(min_threads), max_(max_threads), stack_bytes_(stack_bytes) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < min_; ++i) spawn_locked();
}

ElasticPool::~ElasticPool() { shutdown(); }

int ElasticPool::threads() const {
    std::lock_guard lock(mutex_);
    return threads_;
}

void ElasticPool::spawn_locked() {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes_);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    if (pthread_create(&t, &attr, &ElasticPool::run, this) == 0) {
        ++threads_;
    } else {
        spdlog::warn("cannot start another request thread ({} running); requests will wait", threads_);
    }
    pthread_attr_destroy(&attr);
}

void ElasticPool::enqueue(std::function<void()> fn) {
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(std::move(fn));
    if (static_cast<int>(jobs_.size()) > idle_ && threads_ < max_) {
        spawn_locked();
    } else {
        if (threads_ >= max_ && static_cast<int>(jobs_.size()) > idle_) {
            static std::atomic<int64_t> last_warning{0};
            auto now = std::chrono::steady_clock::now().time_since_epoch() / std::chrono::seconds(1);
            if (now - last_warning.exchange(now) >= 60)
                spdlog::warn("all {} request threads are busy; new connections wait (raise max_threads?)", max_);
        }
        lock.unlock();
        work_ready_.notify_one();
    }
}

void* ElasticPool::run(void* self) {
    static_cast<ElasticPool*>(self)->work();
    return nullptr;
}

void ElasticPool::work() {
    std::unique_lock lock(mutex_);
    while (true) {
        ++idle_;
        bool got = work_ready_.wait_for(lock, std::chrono::seconds(30), [&] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (stopping_ && jobs_.empty()) break;
        if (!got) {
            if (threads_ > min_) break;  // idle for a while: give the memory back
            continue;
        }
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("request thread: {}", e.what());
        } catch (...) {
            spdlog::error("request thread: unknown exception");
        }
        lock.lock();
    }
    --threads_;
    all_done_.notify_all();
}

void ElasticPool::shutdown() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    work_ready_.notify_all();
    all_done_.wait(lock, [&] { return threads_ == 0; });
}

}  // namespace chatiere::http
