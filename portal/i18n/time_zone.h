#pragma once
// A time zone read from a compiled zone file (TZif, RFC 8536), so that local times never depend on the process's TZ.
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chatiere::i18n {

// GCC 12 has no std::chrono time zone database: a portal reads its zone's file once, holds
// the result (immutable, shared between threads) and asks it for UTC offsets. Each portal has
// its own, so two portals in one process may show dates in different zones.
//
// The file's transition table is used for the times it covers; after its last transition,
// the footer's POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3") gives the offsets, so dates past
// 2037 follow the rule. Leap-second records are ignored (as "posix/" zones have none).
class TimeZone {
public:
    // Coordinated Universal Time, offset 0 all year.
    TimeZone();
    static std::shared_ptr<const TimeZone> utc();

    // Parses TZif bytes (version 1, 2, 3 or 4). Throws std::invalid_argument saying what is
    // wrong with the data.
    static TimeZone from_tzif(std::string name, std::string_view bytes);
    // Reads DIR/NAME ("UTC" needs no file). Throws std::runtime_error naming the file and
    // what is wrong with it.
    static TimeZone load(const std::string& name, const std::string& dir = "/usr/share/zoneinfo");
    // Parses a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT,M3.2.0,M11.1.0",
    // "<+0330>-3:30"). Throws std::invalid_argument.
    static TimeZone from_posix(std::string name, std::string_view rule);

    const std::string& name() const { return name_; }
    // Seconds east of UTC at a moment (Paris: 3600 in winter, 7200 in summer).
    int offset_at(int64_t unix_seconds) const;
    // The broken-down local time at a moment (tm_gmtoff and tm_isdst set; tm_zone null).
    std::tm local(int64_t unix_seconds) const;
    // The moment a local wall-clock time names. Fields out of range are normalised as
    // mktime does (day 0 is the last of the previous month); a time skipped by a change to
    // summer time is read with the offset before the change, an ambiguous one as the first.
    int64_t to_utc(const std::tm& local_time) const;

private:
    struct Type {
        int offset = 0;
        bool dst = false;
    };
    // A POSIX TZ rule: standard time, and optionally summer time between two dates.
    struct Rule {
        Type std_type, dst_type;
        bool has_dst = false;
        // A date rule: Jn (1..365, no Feb 29), n (0..365) or Mm.w.d; and the local time of
        // the change, in seconds (may be negative or past 24 h, RFC 8536).
        struct Date {
            char kind = 'M';
            int month = 0, week = 0, day = 0;
            int64_t time = 7200;
        } start, end;
    };
    static Rule parse_rule(std::string_view text);
    static int64_t rule_date_utc(const Rule::Date& d, int64_t year, int offset_before);
    Type rule_type_at(int64_t t) const;
    Type type_at(int64_t t) const;

    std::string name_ = "UTC";
    std::vector<int64_t> transitions_;       // ascending
    std::vector<uint8_t> transition_types_;  // index into types_, one per transition
    std::vector<Type> types_{Type{}};
    bool has_rule_ = false;
    Rule rule_;
};

}  // namespace chatiere::i18n
