#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "http/page_cache.h"

using chatiere::http::PageCache;

TEST_SUITE("page cache") {
    TEST_CASE("a stale page is rendered once: others get the old copy, or wait for the new one after a write") {
        PageCache cache;
        cache.put("fr /", 1, 100, {200, {}, "old"});
        auto fresh = cache.lookup("fr /", 1, 110, 60);
        REQUIRE(fresh.page);
        CHECK(fresh.page->body == "old");
        CHECK_FALSE(fresh.renders);

        // Stale by the clock only: the first reader renders, the next ones get the old copy.
        auto first = cache.lookup("fr /", 1, 170, 60);
        CHECK_FALSE(first.page);
        CHECK(first.renders);
        auto meanwhile = cache.lookup("fr /", 1, 170, 60);
        REQUIRE(meanwhile.page);
        CHECK(meanwhile.page->body == "old");
        CHECK_FALSE(meanwhile.renders);
        cache.put("fr /", 1, 170, {200, {}, "new"});
        CHECK(cache.lookup("fr /", 1, 171, 60).page->body == "new");

        // Stale because something was written: the next reader waits for the new page.
        auto after_write = cache.lookup("fr /", 2, 172, 60);
        CHECK(after_write.renders);
        std::thread renderer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cache.put("fr /", 2, 172, {200, {}, "after the write"});
        });
        auto waited = cache.lookup("fr /", 2, 172, 60);
        renderer.join();
        REQUIRE(waited.page);
        CHECK(waited.page->body == "after the write");

        // A render given up (the answer was not cacheable) lets the next reader render.
        CHECK(cache.lookup("fr /", 3, 173, 60).renders);
        cache.abandon("fr /");
        CHECK(cache.lookup("fr /", 3, 173, 60).renders);
        cache.abandon("fr /");

        // A page never stored: everyone renders, no one waits.
        auto unknown = cache.lookup("en /status", 3, 173, 60);
        CHECK_FALSE(unknown.page);
        CHECK_FALSE(unknown.renders);
    }

    TEST_CASE("the cache keeps within its byte budget") {
        PageCache cache(512, 8000);
        cache.put("huge", 1, 0, {200, {}, std::string(1500, 'x')});  // over an eighth of the budget
        CHECK_FALSE(cache.lookup("huge", 1, 0, 60).page);
        for (int k = 0; k < 20; ++k) cache.put("p" + std::to_string(k), 1, 0, {200, {}, std::string(900, 'x')});
        int kept = 0;
        for (int k = 0; k < 20; ++k) kept += cache.lookup("p" + std::to_string(k), 1, 0, 60).page ? 1 : 0;
        CHECK(kept > 0);
        CHECK(kept * 900 <= 8000);
        CHECK(cache.lookup("p19", 1, 0, 60).page);  // the newest is always there
    }
}
