#include <doctest/doctest.h>

#include "i18n/time_zone.h"
#include "status/status.h"

using namespace chatiere::status;

TEST_SUITE("status") {
    TEST_CASE("service status for every combination of admin state, incident effect and maintenance") {
        struct Row {
            const char* admin;
            Effect worst;
            bool maint;
            ServiceStatus expected;
        };
        const Row rows[] = {
            {"auto", Effect::None, false, ServiceStatus::Operational},
            {"auto", Effect::Degraded, false, ServiceStatus::Degraded},
            {"auto", Effect::PartialOutage, false, ServiceStatus::PartialOutage},
            {"auto", Effect::MajorOutage, false, ServiceStatus::MajorOutage},
            {"auto", Effect::None, true, ServiceStatus::Maintenance},
            {"auto", Effect::Degraded, true, ServiceStatus::Maintenance},
            {"auto", Effect::PartialOutage, true, ServiceStatus::PartialOutage},
            {"auto", Effect::MajorOutage, true, ServiceStatus::MajorOutage},
        };
        for (const auto& r : rows) {
            INFO(r.admin << " " << effect_name(r.worst) << " maint=" << r.maint);
            CHECK(derive(r.admin, r.worst, r.maint) == r.expected);
        }
        for (Effect e : {Effect::None, Effect::Degraded, Effect::PartialOutage, Effect::MajorOutage})
            for (bool m : {false, true}) {
                CHECK(derive("off", e, m) == ServiceStatus::Off);
                CHECK(derive("draft", e, m) == ServiceStatus::Draft);
            }
    }

    TEST_CASE("status names for the status-page API and for ChatonsInfos") {
        CHECK(statuspage_name(ServiceStatus::Operational) == "operational");
        CHECK(statuspage_name(ServiceStatus::Degraded) == "degraded_performance");
        CHECK(statuspage_name(ServiceStatus::PartialOutage) == "partial_outage");
        CHECK(statuspage_name(ServiceStatus::MajorOutage) == "major_outage");
        CHECK(statuspage_name(ServiceStatus::Maintenance) == "under_maintenance");
        CHECK(chatonsinfos_level(ServiceStatus::Operational) == "ON");
        CHECK(chatonsinfos_level(ServiceStatus::Degraded) == "ON");
        CHECK(chatonsinfos_level(ServiceStatus::PartialOutage) == "DOWN");
        CHECK(chatonsinfos_level(ServiceStatus::MajorOutage) == "DOWN");
        CHECK(chatonsinfos_level(ServiceStatus::Maintenance) == "MAINTENANCE");
        CHECK(chatonsinfos_level(ServiceStatus::Off) == "OFF");
        CHECK(chatonsinfos_level(ServiceStatus::Draft) == "DRAFT");
        CHECK(parse_effect("partial_outage") == Effect::PartialOutage);
        CHECK_FALSE(parse_effect("down").has_value());
    }

    TEST_CASE("incident state machine: forward only, resolved is final") {
        const char* states[] = {"investigating", "identified", "monitoring", "resolved"};
        for (int f = 0; f < 4; ++f)
            for (int t = 0; t < 4; ++t) {
                INFO(states[f] << " -> " << states[t]);
                bool expected = f != 3 && t >= f;
                CHECK(incident_transition_ok(states[f], states[t]) == expected);
            }
        CHECK_FALSE(incident_transition_ok("investigating", "scheduled"));
        CHECK_FALSE(incident_transition_ok("investigating", "completed"));
        CHECK_FALSE(incident_transition_ok("bogus", "resolved"));
        CHECK_FALSE(incident_transition_ok("investigating", ""));
    }

    TEST_CASE("maintenance moves on its own at the window's edges") {
        const int64_t start = 1000, end = 2000;
        CHECK(maintenance_state("scheduled", start, end, 999) == "scheduled");
        CHECK(maintenance_state("scheduled", start, end, 1000) == "in_progress");
        CHECK(maintenance_state("scheduled", start, end, 1999) == "in_progress");
        CHECK(maintenance_state("scheduled", start, end, 2000) == "completed");
        CHECK(maintenance_state("in_progress", start, end, 500) == "in_progress");  // started early
        CHECK(maintenance_state("completed", start, end, 1500) == "completed");     // finished early
        CHECK(effective_state("maintenance", "scheduled", start, end, 1500) == "in_progress");
        CHECK(effective_state("incident", "identified", start, kOpen, 1500) == "identified");
        CHECK(maintenance_transition_ok("scheduled", "in_progress"));
        CHECK(maintenance_transition_ok("scheduled", "completed"));
        CHECK(maintenance_transition_ok("in_progress", "completed"));
        CHECK(maintenance_transition_ok("in_progress", "in_progress"));
        CHECK_FALSE(maintenance_transition_ok("in_progress", "scheduled"));
        CHECK_FALSE(maintenance_transition_ok("completed", "in_progress"));
        CHECK_FALSE(maintenance_transition_ok("completed", "completed"));
        CHECK_FALSE(maintenance_transition_ok("scheduled", "resolved"));
    }

    TEST_CASE("availability on hand-computed cases") {
        const int64_t day = 86400;
        const int64_t d0 = 1'700'000'000 - 1'700'000'000 % day;  // a UTC midnight
        SUBCASE("no outage: 100 %") {
            CHECK(availability_percent({}, d0, d0 + day) == doctest::Approx(100.0));
        }
        SUBCASE("a 2.4-hour major outage is 10 % of a day") {
            std::vector<Outage> o{{d0 + 3600, d0 + 3600 + 8640, Effect::MajorOutage}};
            CHECK(weighted_down_tenths(o, d0, d0 + day) == 86400);
            CHECK(availability_percent(o, d0, d0 + day) == doctest::Approx(90.0));
        }
        SUBCASE("a partial outage counts 30 %, a slowness nothing") {
            std::vector<Outage> o{{d0, d0 + 8640, Effect::PartialOutage}, {d0 + 20000, d0 + 30000, Effect::Degraded}};
            CHECK(availability_percent(o, d0, d0 + day) == doctest::Approx(97.0));
        }
        SUBCASE("an outage spanning midnight is split across the two days") {
            // 22:00 → 02:00 next day: 2 h on each day
            std::vector<Outage> o{{d0 + 22 * 3600, d0 + day + 2 * 3600, Effect::MajorOutage}};
            double first = availability_percent(o, d0, d0 + day);
            double second = availability_percent(o, d0 + day, d0 + 2 * day);
            CHECK(first == doctest::Approx(100.0 * (1 - 7200.0 / 86400)));  // 91.666…
            CHECK(second == doctest::Approx(100.0 * (1 - 7200.0 / 86400)));
            CHECK(availability_percent(o, d0, d0 + 2 * day) == doctest::Approx(100.0 * (1 - 14400.0 / 172800)));
            CHECK(format_percent("en", first) == "91.66");
            CHECK(format_percent("fr", first) == "91,66");
        }
        SUBCASE("overlapping incidents are merged, the worst effect counts") {
            // major 10:00-12:00, partial 11:00-14:00, major 11:30-11:45 (inside the first)
            std::vector<Outage> o{{d0 + 36000, d0 + 43200, Effect::MajorOutage},
                                  {d0 + 39600, d0 + 50400, Effect::PartialOutage},
                                  {d0 + 41400, d0 + 42300, Effect::MajorOutage}};
            // major 2 h (7200 s × 10) + partial only 12:00-14:00 (7200 s × 3) = 93600 tenths
            CHECK(weighted_down_tenths(o, d0, d0 + day) == 93600);
            CHECK(availability_percent(o, d0, d0 + day) == doctest::Approx(100.0 * (1 - 9360.0 / 86400)));
            CHECK(worst_effect(o, d0, d0 + day) == Effect::MajorOutage);
            CHECK(worst_effect(o, d0 + 43200, d0 + day) == Effect::PartialOutage);
        }
        SUBCASE("an open incident counts up to the end of the span") {
            std::vector<Outage> o{{d0 + day / 2, kOpen, Effect::MajorOutage}};
            CHECK(availability_percent(o, d0, d0 + day) == doctest::Approx(50.0));
        }
        SUBCASE("percent formatting never rounds up to 100") {
            CHECK(format_percent("en", 99.999) == "99.99");
            CHECK(format_percent("en", 100.0) == "100");
            CHECK(format_percent("fr", 99.5) == "99,50");
        }
    }

    TEST_CASE("day boundaries: 90 local midnights then now") {
        int64_t now = 1764000000;
        auto b = day_boundaries(chatiere::i18n::TimeZone::load("Europe/Paris"), now, 90);
        REQUIRE(b.size() == 91);
        CHECK(b.back() == now);
        CHECK(b[89] <= now);
        CHECK(now - b[89] < 86400);
        for (size_t i = 1; i + 1 < b.size(); ++i) {
            CHECK(b[i] > b[i - 1]);
            CHECK(b[i] - b[i - 1] >= 82800);  // 23 h days exist across DST changes
            CHECK(b[i] - b[i - 1] <= 90000);
        }
    }
}

TEST_SUITE("status") {
    TEST_CASE("per-day history splits an outage across midnight and merges overlaps") {
        const int64_t day = 86400;
        const int64_t d0 = 1'700'000'000 - 1'700'000'000 % day;
        std::vector<int64_t> b{d0, d0 + day, d0 + 2 * day, d0 + 3 * day};
        std::vector<Outage> o{{d0 + 22 * 3600, d0 + day + 2 * 3600, Effect::MajorOutage},   // 2 h + 2 h
                              {d0 + day + 3600, d0 + day + 5 * 3600, Effect::PartialOutage},  // 02:00-05:00 counts
                              {d0 + 2 * day + 100, d0 + 2 * day + 200, Effect::Degraded}};
        auto days = per_day(o, b);
        REQUIRE(days.size() == 3);
        CHECK(days[0].down_tenths == 7200 * 10);
        CHECK(days[0].worst == Effect::MajorOutage);
        CHECK(days[1].down_tenths == 7200 * 10 + 3 * 3600 * 3);
        CHECK(days[1].worst == Effect::MajorOutage);
        CHECK(days[2].down_tenths == 0);
        CHECK(days[2].worst == Effect::Degraded);
        // the same totals as the direct computation
        for (int k = 0; k < 3; ++k) CHECK(days[k].down_tenths == weighted_down_tenths(o, b[k], b[k + 1]));
    }
}
