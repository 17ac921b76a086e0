#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "store/settings.h"
#include "support/test_server.h"

using namespace chatiere;
using chatiere::testing::TestServer;

namespace {

uint64_t requests_to(const App& app, const std::string& route) {
    uint64_t n = 0;
    for (const auto& r : app.telemetry.snapshot().requests)
        if (r.route == route) n += r.count;
    return n;
}

// The server counts a request in its logger, after the answer has left: wait until the
// counts stop moving.
void settle(const App& app) {
    int64_t last = -1;
    for (int i = 0; i < 100 && app.hits.pending() != last; ++i) {
        last = app.hits.pending();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string get(const TestServer& s, const std::string& path) {
    auto r = s.client().Get(path, {{"Accept-Language", "en"}});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return r->body;
}

}  // namespace

TEST_SUITE("two portals") {
    TEST_CASE("two portals in one process, with their own settings and time zones, share nothing") {
        TestServer paris([](Config& c) {
            c.timezone = "Europe/Paris";
            c.page_cache_seconds = 60;
        });
        TestServer tokyo([](Config& c) {
            c.timezone = "Asia/Tokyo";
            c.page_cache_seconds = 60;
            c.default_language = "en";
        });
        {
            auto db = tokyo.app->db->acquire();
            store::put_setting(*db, "site.name", "Tokyo Kitten Hosting", tokyo.now);
        }
        tokyo.app->generation.fetch_add(1);  // written behind the portal's back

        // Settings: each portal shows its own.
        CHECK(get(tokyo, "/").find("Tokyo Kitten Hosting") != std::string::npos);
        CHECK(get(paris, "/").find("Tokyo Kitten Hosting") == std::string::npos);

        // Dates: the same moments, each in its portal's zone.
        CHECK(paris.app->time_zone()->name() == "Europe/Paris");
        CHECK(tokyo.app->time_zone()->name() == "Asia/Tokyo");
        std::string paris_status = get(paris, "/status");
        std::string tokyo_status = get(tokyo, "/status");
        CHECK(paris_status.find("(UTC+1") != std::string::npos);
        CHECK(paris_status.find("(UTC+9") == std::string::npos);
        CHECK(tokyo_status.find("(UTC+9") != std::string::npos);
        CHECK(tokyo_status.find("(UTC+1") == std::string::npos);
        // The published profile: file.datetime is local time (2025-11-24T16:00:00Z).
        const std::string file = "/.well-known/chatonsinfos/organization.properties";
        CHECK(get(paris, file).find("file.datetime = 2025-11-24T17:00:00\n") != std::string::npos);
        CHECK(get(tokyo, file).find("file.datetime = 2025-11-25T01:00:00\n") != std::string::npos);

        // Request counters, telemetry and page cache: only the portal asked counts.
        settle(*paris.app);
        settle(*tokyo.app);
        const int64_t paris_hits = paris.app->hits.pending(), tokyo_hits = tokyo.app->hits.pending();
        const auto paris_cache = paris.app->telemetry.snapshot(), tokyo_cache = tokyo.app->telemetry.snapshot();
        const uint64_t paris_status_count = requests_to(*paris.app, "/status");
        const uint64_t tokyo_status_count = requests_to(*tokyo.app, "/status");
        for (int i = 0; i < 3; ++i) get(paris, "/status");
        settle(*paris.app);
        settle(*tokyo.app);
        CHECK(paris.app->hits.pending() == paris_hits + 3);
        CHECK(tokyo.app->hits.pending() == tokyo_hits);
        CHECK(requests_to(*paris.app, "/status") == paris_status_count + 3);
        CHECK(requests_to(*tokyo.app, "/status") == tokyo_status_count);
        const auto paris_after = paris.app->telemetry.snapshot(), tokyo_after = tokyo.app->telemetry.snapshot();
        CHECK(paris_after.cache_hits == paris_cache.cache_hits + 3);  // stored by the first /status above
        CHECK(tokyo_after.cache_hits == tokyo_cache.cache_hits);
        CHECK(tokyo_after.cache_misses == tokyo_cache.cache_misses);

        // The published files are cached per portal: forgetting one portal's leaves the other's.
        chatonsinfos::Published cached_paris;
        {
            auto db = paris.app->db->acquire();
            auto p = chatonsinfos::publish(*db, site_of(*paris.app), "organization.properties", paris.now + 3600);
            REQUIRE(p);
            cached_paris = *p;
        }
        tokyo.app->publish_cache.clear();
        {
            auto db = paris.app->db->acquire();
            auto p = chatonsinfos::publish(*db, site_of(*paris.app), "organization.properties", paris.now + 7200);
            REQUIRE(p);
            CHECK(p->body == cached_paris.body);
        }

        // A new zone for one portal (the setting changed) shows on its next pages at once,
        // cached or not; the other keeps its own.
        tokyo.app->set_time_zone(load_time_zone("UTC"));
        std::string tokyo_utc = get(tokyo, "/status");
        CHECK(tokyo_utc.find("(UTC+9") == std::string::npos);
        CHECK(tokyo_utc.find("(UTC") != std::string::npos);
        CHECK(get(paris, "/status").find("(UTC+1") != std::string::npos);
    }
}
