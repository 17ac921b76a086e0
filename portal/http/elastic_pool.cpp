#include "http/elastic_pool.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace chatiere::http {

ElasticPool::ElasticPool(int min_threads, int max_threads, size_t stack_bytes, std::chrono::milliseconds idle_timeout)
    : min_(min_threads), max_(max_threads), stack_bytes_(stack_bytes), idle_timeout_(idle_timeout) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < min_; ++i) spawn_locked();
}

ElasticPool::~ElasticPool() { shutdown(); }

int ElasticPool::threads() const {
    std::lock_guard lock(mutex_);
    return threads_;
}

int ElasticPool::idle_threads() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(sleepers_.size());
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
    if (!sleepers_.empty()) {
        Sleeper* last_idle = sleepers_.back();
        sleepers_.pop_back();
        last_idle->woken = true;
        last_idle->wake.notify_one();
    } else if (static_cast<int>(jobs_.size()) > threads_ - busy_ && threads_ < max_) {
        // More jobs than threads that will look at the queue (starting, or finishing a job).
        spawn_locked();
    } else if (threads_ >= max_ && static_cast<int>(jobs_.size()) > threads_ - busy_) {
        auto now = std::chrono::steady_clock::now().time_since_epoch() / std::chrono::seconds(1);
        if (now - std::exchange(last_busy_warning_, now) >= 60)
            spdlog::warn("all {} request threads are busy; new connections wait (raise max_threads?)", max_);
    }
}

void* ElasticPool::run(void* self) {
    static_cast<ElasticPool*>(self)->work();
    return nullptr;
}

void ElasticPool::work() {
    std::unique_lock lock(mutex_);
    Sleeper me;
    while (true) {
        if (jobs_.empty()) {
            if (stopping_) break;
            me.woken = false;
            sleepers_.push_back(&me);
            bool signalled = me.wake.wait_for(lock, idle_timeout_, [&] { return me.woken || stopping_; });
            if (!me.woken) {
                // Timed out or stopping: no longer in line to be woken.
                sleepers_.erase(std::find(sleepers_.begin(), sleepers_.end(), &me));
                if (!signalled && threads_ > min_ && jobs_.empty()) break;  // idle a while: give the memory back
            }
            continue;
        }
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        ++busy_;
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("request thread: {}", e.what());
        } catch (...) {
            spdlog::error("request thread: unknown exception");
        }
        lock.lock();
        --busy_;
    }
    --threads_;
    all_done_.notify_all();
}

void ElasticPool::shutdown() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    for (Sleeper* s : sleepers_) s->wake.notify_one();
    all_done_.wait(lock, [&] { return threads_ == 0; });
}

}  // namespace chatiere::http
