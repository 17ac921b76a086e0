#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "http/elastic_pool.h"

using chatiere::http::ElasticPool;
using namespace std::chrono_literals;

namespace {

// Polls `done` for up to two seconds.
template <class Pred>
bool eventually(Pred done) {
    for (int i = 0; i < 400; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return done();
}

// Jobs that hold their thread until released, so a burst grows the pool.
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool open = false;
    std::atomic<int> inside{0};
    void wait() {
        ++inside;
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return open; });
    }
    // Gives POOL N jobs that wait at the gate, and waits until all N are running.
    bool hold(ElasticPool& pool, int n) {
        for (int i = 0; i < n; ++i) pool.enqueue([this] { wait(); });
        return eventually([&] { return inside == n; });
    }
    void release() {
        std::lock_guard lock(m);
        open = true;
        cv.notify_all();
    }
};

}  // namespace

TEST_SUITE("elastic pool") {
    TEST_CASE("a burst grows the pool; afterwards, requests one at a time run on the thread that was idle last") {
        ElasticPool pool(1, 16, 256 * 1024, 10s);
        Gate gate;
        REQUIRE(gate.hold(pool, 6));
        CHECK(pool.threads() == 6);
        gate.release();
        REQUIRE(eventually([&] { return pool.idle_threads() == 6; }));

        // Woken in turn, 30 sequential jobs would visit all six threads (and keep six sets of
        // malloc caches warm); woken last-idle-first, they all run on one.
        std::set<std::thread::id> ran_on;
        for (int i = 0; i < 30; ++i) {
            std::atomic<bool> done{false};
            std::thread::id id;
            pool.enqueue([&] {
                id = std::this_thread::get_id();
                done = true;
            });
            REQUIRE(eventually([&] { return done.load() && pool.idle_threads() == 6; }));
            ran_on.insert(id);
        }
        CHECK(ran_on.size() == 1);
        CHECK(pool.threads() == 6);
    }

    TEST_CASE("threads beyond the minimum exit after the idle timeout; the pool still serves afterwards") {
        ElasticPool pool(2, 16, 256 * 1024, 50ms);
        Gate gate;
        REQUIRE(gate.hold(pool, 8));
        CHECK(pool.threads() == 8);
        gate.release();
        CHECK(eventually([&] { return pool.threads() == 2; }));
        std::atomic<int> ran{0};
        for (int i = 0; i < 5; ++i) pool.enqueue([&] { ++ran; });
        CHECK(eventually([&] { return ran == 5; }));
    }

    TEST_CASE("at the maximum, jobs wait their turn and none is lost; shutdown waits for every thread") {
        std::atomic<int> ran{0};
        {
            ElasticPool pool(0, 3, 256 * 1024, 10s);
            Gate gate;
            REQUIRE(gate.hold(pool, 3));
            for (int i = 0; i < 20; ++i) pool.enqueue([&] { ++ran; });
            CHECK(pool.threads() == 3);
            CHECK(ran == 0);
            gate.release();
            CHECK(eventually([&] { return ran == 20; }));
            pool.shutdown();
            CHECK(pool.threads() == 0);
        }
        CHECK(ran == 20);
    }
}
