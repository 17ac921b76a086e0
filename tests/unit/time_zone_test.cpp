#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "app.h"
#include "i18n/time_zone.h"
#include "support/test_server.h"

using namespace chatiere;
using i18n::TimeZone;

namespace {

// A TZif version 2 file with no transitions: every offset comes from the footer rule.
std::string footer_only_tzif(const std::string& rule) {
    auto header = [](char version) {
        std::string h = "TZif";
        h += version;
        h += std::string(15, '\0');
        // isutcnt, isstdcnt, leapcnt, timecnt, typecnt = 1, charcnt = 4
        for (uint32_t n : {0u, 0u, 0u, 0u, 1u, 4u}) {
            for (int shift = 24; shift >= 0; shift -= 8) h += static_cast<char>((n >> shift) & 0xff);
        }
        return h;
    };
    // One local time type: offset 3600, not DST, designation 0 ("CET").
    const std::string type = std::string("\x00\x00\x0e\x10\x00\x00", 6) + std::string("CET\0", 4);
    return header('2') + type + header('2') + type + "\n" + rule + "\n";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_SUITE("time zone") {
    TEST_CASE("Europe/Paris: the 2026 changes to and from summer time, at 01:00 UTC") {
        const auto paris = TimeZone::load("Europe/Paris");
        const int64_t spring = 1774746000;  // 2026-03-29T01:00:00Z
        const int64_t autumn = 1792890000;  // 2026-10-25T01:00:00Z
        CHECK(paris.offset_at(spring - 1) == 3600);
        CHECK(paris.offset_at(spring) == 7200);
        CHECK(paris.offset_at(autumn - 1) == 7200);
        CHECK(paris.offset_at(autumn) == 3600);
        std::tm summer = paris.local(1784030400);  // 2026-07-14T12:00:00Z
        CHECK(summer.tm_hour == 14);
        CHECK(summer.tm_isdst == 1);
        CHECK(summer.tm_gmtoff == 7200);
        CHECK(summer.tm_wday == 2);  // a Tuesday
        CHECK(summer.tm_yday == 194);
        // Local wall-clock times back to UTC, including the hour that does not exist and the
        // one that happens twice.
        std::tm t{};
        t.tm_year = 126, t.tm_mon = 6, t.tm_mday = 14, t.tm_hour = 14;
        CHECK(paris.to_utc(t) == 1784030400);
        t = {};
        t.tm_year = 126, t.tm_mon = 2, t.tm_mday = 29, t.tm_hour = 2, t.tm_min = 30;  // skipped
        CHECK(paris.to_utc(t) == spring + 30 * 60);
        t = {};
        t.tm_year = 126, t.tm_mon = 9, t.tm_mday = 25, t.tm_hour = 2, t.tm_min = 30;  // twice: the first
        CHECK(paris.to_utc(t) == autumn - 30 * 60);
        t = {};
        t.tm_year = 126, t.tm_mon = 2, t.tm_mday = 0;  // day 0: the last of February
        CHECK(paris.to_utc(t) == 1772233200);          // 2026-02-28T00:00+01:00
    }

    TEST_CASE("America/New_York: second Sunday of March, first of November") {
        const auto ny = TimeZone::load("America/New_York");
        const int64_t spring = 1772953200;  // 2026-03-08T07:00:00Z (02:00 EST)
        const int64_t autumn = 1793512800;  // 2026-11-01T06:00:00Z (02:00 EDT)
        CHECK(ny.offset_at(spring - 1) == -5 * 3600);
        CHECK(ny.offset_at(spring) == -4 * 3600);
        CHECK(ny.offset_at(autumn - 1) == -4 * 3600);
        CHECK(ny.offset_at(autumn) == -5 * 3600);
        // Past 2037, beyond the file's table: the footer's rule.
        CHECK(ny.offset_at(2846473200 - 1) == -5 * 3600);  // 2060-03-14T07:00:00Z
        CHECK(ny.offset_at(2846473200) == -4 * 3600);
        CHECK(ny.offset_at(2867032800 - 1) == -4 * 3600);  // 2060-11-07T06:00:00Z
        CHECK(ny.offset_at(2867032800) == -5 * 3600);
    }

    TEST_CASE("dates past 2037 follow the footer's POSIX rule") {
        // Only the footer: no table to fall back on.
        const auto rule = TimeZone::from_tzif("Test/Paris", footer_only_tzif("CET-1CEST,M3.5.0,M10.5.0/3"));
        const int64_t spring_2040 = 2216250000;  // 2040-03-25T01:00:00Z, last Sunday of March
        const int64_t autumn_2040 = 2234998800;  // 2040-10-28T01:00:00Z, last Sunday of October
        CHECK(rule.offset_at(spring_2040 - 1) == 3600);
        CHECK(rule.offset_at(spring_2040) == 7200);
        CHECK(rule.offset_at(autumn_2040 - 1) == 7200);
        CHECK(rule.offset_at(autumn_2040) == 3600);
        // The same as the real file, which hands over to its footer after 2037.
        const auto paris = TimeZone::load("Europe/Paris");
        for (int64_t t : {spring_2040 - 1, spring_2040, autumn_2040 - 1, autumn_2040, int64_t{4102444800}}) {
            CAPTURE(t);
            CHECK(paris.offset_at(t) == rule.offset_at(t));
        }
        // The same rules parsed directly, and the other date forms.
        CHECK(TimeZone::from_posix("x", "CET-1CEST,M3.5.0,M10.5.0/3").offset_at(spring_2040) == 7200);
        CHECK(TimeZone::from_posix("x", "<+0330>-3:30").offset_at(0) == 3 * 3600 + 30 * 60);
        const auto julian = TimeZone::from_posix("x", "AAA0BBB,J60/0,J300/0");  // 1 March to 27 October
        CHECK(julian.offset_at(2216250000) == 3600);
        const int64_t end_2039 = 2203282800;  // J300 = 27 October, 00:00 summer time = 2039-10-26T23:00:00Z
        CHECK(julian.offset_at(end_2039 - 1) == 3600);
        CHECK(julian.offset_at(end_2039) == 0);
        CHECK_THROWS_AS(TimeZone::from_posix("x", "CET-1CEST,M13.5.0,M10.5.0"), std::invalid_argument);
        CHECK_THROWS_AS(TimeZone::from_posix("x", "C-1"), std::invalid_argument);
    }

    TEST_CASE("UTC") {
        const auto utc = TimeZone::load("UTC");
        for (int64_t t : {int64_t{0}, int64_t{1774746000}, int64_t{4102444800}, int64_t{-2000000000}}) {
            CAPTURE(t);
            CHECK(utc.offset_at(t) == 0);
        }
        CHECK(TimeZone::utc()->offset_at(1784030400) == 0);
        std::tm tm = utc.local(0);
        CHECK(tm.tm_year == 70);
        CHECK(tm.tm_wday == 4);  // 1 January 1970 was a Thursday
    }

    TEST_CASE("a missing or broken zone file: a clear error, and the portal falls back on UTC with a log line") {
        CHECK_THROWS_WITH_AS(TimeZone::load("Nowhere/Atlantis"), doctest::Contains("/usr/share/zoneinfo/Nowhere/Atlantis"),
                             std::runtime_error);
        CHECK_THROWS_WITH_AS(TimeZone::load("../etc/passwd"), doctest::Contains("not a time zone name"), std::runtime_error);
        CHECK_THROWS_WITH_AS(TimeZone::from_tzif("x", "TZif2 but short"), doctest::Contains("truncated"),
                             std::invalid_argument);
        CHECK_THROWS_WITH_AS(TimeZone::from_tzif("x", "garbage, not a zone file at all, long enough to hold a header"),
                             doctest::Contains("not a TZif file"), std::invalid_argument);
        // A real file cut short.
        std::string paris = read_file("/usr/share/zoneinfo/Europe/Paris");
        REQUIRE(paris.size() > 100);
        CHECK_THROWS_AS(TimeZone::from_tzif("x", paris.substr(0, paris.size() / 2)), std::invalid_argument);
        CHECK_THROWS_WITH_AS(TimeZone::from_tzif("x", footer_only_tzif("CET-1CEST,M3.5.0")), doctest::Contains("bad TZ rule"),
                             std::invalid_argument);

        testing::TempDb tmp;
        std::string path = tmp.path + ".zones";
        std::filesystem::create_directories(path);
        std::ofstream(path + "/Broken") << "TZif2 this is not a zone";
        CHECK_THROWS_WITH_AS(TimeZone::load("Broken", path), doctest::Contains("is not usable"), std::runtime_error);
        std::filesystem::remove_all(path);

        std::ostringstream log;
        auto previous = spdlog::default_logger();
        spdlog::set_default_logger(
            std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
        auto zone = load_time_zone("Nowhere/Atlantis");
        spdlog::set_default_logger(previous);
        CHECK(zone->offset_at(1784030400) == 0);
        CHECK(log.str().find("Nowhere/Atlantis") != std::string::npos);
        CHECK(log.str().find("UTC") != std::string::npos);
    }

    TEST_CASE("broken-down local times match their offset, and to_utc reverses local, over two centuries") {
        for (const char* name : {"Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
                                 "America/St_Johns", "Pacific/Chatham"}) {
            CAPTURE(name);
            const auto zone = TimeZone::load(name);
            uint64_t x = 88172645463325252ull;
            int wrong = 0;
            for (int i = 0; i < 2000; ++i) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                const int64_t t = static_cast<int64_t>(x % (200ull * 365 * 86400)) - 30ll * 365 * 86400;
                const std::tm mine = zone.local(t);
                // Civil fields from the offset alone, with gmtime (no TZ involved).
                const std::time_t shifted = static_cast<std::time_t>(t + mine.tm_gmtoff);
                std::tm expected{};
                gmtime_r(&shifted, &expected);
                if (mine.tm_year != expected.tm_year || mine.tm_yday != expected.tm_yday ||
                    mine.tm_hour != expected.tm_hour || mine.tm_min != expected.tm_min || mine.tm_wday != expected.tm_wday)
                    ++wrong;
                std::tm wall = mine;
                if (zone.to_utc(wall) != t && zone.local(zone.to_utc(wall)).tm_hour != mine.tm_hour) ++wrong;
            }
            CHECK(wrong == 0);
        }
    }
}
