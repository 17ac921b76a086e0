#include "i18n/time_zone.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>

namespace chatiere::i18n {

namespace {

constexpr int64_t kDay = 86400;
// Far enough for any date a portal shows (±1 million years), near enough that adding an
// offset or computing a year never overflows, whatever a file or a caller says.
constexpr int64_t kLimit = int64_t{1} << 45;
// RFC 8536 3.2: offsets are within -89999..93599 seconds.
constexpr int64_t kMinOffset = -89999, kMaxOffset = 93599;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int64_t year;
    int month, day;
};
Civil civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

// 0 = Sunday.
int weekday(int64_t days) { return static_cast<int>(((days % 7) + 11) % 7); }

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t clamp_time(int64_t t) { return std::clamp(t, -kLimit, kLimit); }

// Reads big-endian integers from the file, never past its end.
class Reader {
public:
    explicit Reader(std::string_view data) : data_(data) {}
    bool has(uint64_t n) const { return n <= data_.size() - pos_; }
    void need(uint64_t n, const char* what) const {
        if (!has(n)) throw std::invalid_argument(std::string("truncated ") + what);
    }
    uint8_t u8() { return static_cast<uint8_t>(data_[pos_++]); }
    uint32_t u32() {
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | u8();
        return v;
    }
    int64_t i64() {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | u8();
        return static_cast<int64_t>(v);
    }
    std::string_view take(size_t n) {
        auto s = data_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    void skip(uint64_t n) { pos_ += static_cast<size_t>(n); }
    size_t pos() const { return pos_; }
    std::string_view rest() const { return data_.substr(pos_); }

private:
    std::string_view data_;
    size_t pos_ = 0;
};

struct Header {
    char version = 0;
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
    uint64_t block_size(int time_size) const {
        return uint64_t{timecnt} * time_size + timecnt + uint64_t{typecnt} * 6 + charcnt +
               uint64_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
    }
};

Header read_header(Reader& in) {
    in.need(44, "header");
    if (in.take(4) != "TZif") throw std::invalid_argument("not a TZif file (no magic)");
    Header h;
    h.version = static_cast<char>(in.u8());
    if (h.version != 0 && h.version < '2') throw std::invalid_argument("unknown TZif version");
    in.skip(15);
    h.isutcnt = in.u32();
    h.isstdcnt = in.u32();
    h.leapcnt = in.u32();
    h.timecnt = in.u32();
    h.typecnt = in.u32();
    h.charcnt = in.u32();
    if (h.typecnt == 0 || h.typecnt > 256) throw std::invalid_argument("bad number of local time types");
    if (h.charcnt == 0) throw std::invalid_argument("no time zone designations");
    if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) || (h.isstdcnt != 0 && h.isstdcnt != h.typecnt))
        throw std::invalid_argument("bad UT/standard indicator count");
    return h;
}

// Parses "hh[:mm[:ss]]" (hours up to `max_hours`) into seconds.
std::optional<int64_t> parse_hms(std::string_view& s, int max_hours) {
    auto number = [&](int max) -> std::optional<int> {
        size_t n = 0;
        int v = 0;
        while (n < s.size() && n < 3 && s[n] >= '0' && s[n] <= '9') v = v * 10 + (s[n++] - '0');
        if (n == 0 || v > max) return std::nullopt;
        s.remove_prefix(n);
        return v;
    };
    auto h = number(max_hours);
    if (!h) return std::nullopt;
    int64_t total = int64_t{*h} * 3600;
    for (int unit : {60, 1}) {
        if (s.empty() || s[0] != ':') break;
        s.remove_prefix(1);
        auto v = number(59);
        if (!v) return std::nullopt;
        total += int64_t{*v} * unit;
    }
    return total;
}

std::optional<int64_t> parse_signed_hms(std::string_view& s, int max_hours) {
    int sign = 1;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        sign = s[0] == '-' ? -1 : 1;
        s.remove_prefix(1);
    }
    auto v = parse_hms(s, max_hours);
    if (!v) return std::nullopt;
    return sign * *v;
}

// A zone abbreviation: three or more letters, or anything but '>' between '<' and '>'.
bool skip_name(std::string_view& s) {
    size_t n = 0;
    if (!s.empty() && s[0] == '<') {
        n = s.find('>');
        if (n == std::string_view::npos || n < 2) return false;
        s.remove_prefix(n + 1);
        return true;
    }
    while (n < s.size() && ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))) ++n;
    if (n < 3) return false;
    s.remove_prefix(n);
    return true;
}

int parse_small(std::string_view& s, int min, int max) {
    size_t n = 0;
    int v = 0;
    while (n < s.size() && n < 3 && s[n] >= '0' && s[n] <= '9') v = v * 10 + (s[n++] - '0');
    if (n == 0 || v < min || v > max) throw std::invalid_argument("bad date in TZ rule");
    s.remove_prefix(n);
    return v;
}

}  // namespace

TimeZone::TimeZone() = default;

std::shared_ptr<const TimeZone> TimeZone::utc() {
    static const auto zone = std::make_shared<const TimeZone>();
    return zone;
}

TimeZone::Rule TimeZone::parse_rule(std::string_view s) {
    Rule r;
    const std::string_view whole = s;
    auto bad = [&](const char* what) {
        return std::invalid_argument(std::string("bad TZ rule \"") + std::string(whole.substr(0, 64)) + "\": " + what);
    };
    if (!skip_name(s)) throw bad("standard time name");
    auto std_offset = parse_signed_hms(s, 24);
    if (!std_offset) throw bad("standard time offset");
    r.std_type = {static_cast<int>(-*std_offset), false};
    if (s.empty()) return r;
    if (!skip_name(s)) throw bad("summer time name");
    int64_t dst_offset = -*std_offset + 3600;
    if (!s.empty() && s[0] != ',') {
        auto o = parse_signed_hms(s, 24);
        if (!o) throw bad("summer time offset");
        dst_offset = -*o;
    }
    r.dst_type = {static_cast<int>(dst_offset), true};
    r.has_dst = true;
    // Without dates, POSIX leaves the rule to the implementation; glibc uses the US one.
    std::string_view dates = s.empty() ? std::string_view(",M3.2.0,M11.1.0") : s;
    for (Rule::Date* d : {&r.start, &r.end}) {
        if (dates.empty() || dates[0] != ',') throw bad("expected ,date");
        dates.remove_prefix(1);
        if (!dates.empty() && dates[0] == 'M') {
            dates.remove_prefix(1);
            d->kind = 'M';
            d->month = parse_small(dates, 1, 12);
            if (dates.empty() || dates[0] != '.') throw bad("expected .week");
            dates.remove_prefix(1);
            d->week = parse_small(dates, 1, 5);
            if (dates.empty() || dates[0] != '.') throw bad("expected .day");
            dates.remove_prefix(1);
            d->day = parse_small(dates, 0, 6);
        } else if (!dates.empty() && dates[0] == 'J') {
            dates.remove_prefix(1);
            d->kind = 'J';
            d->day = parse_small(dates, 1, 365);
        } else {
            d->kind = 'N';
            d->day = parse_small(dates, 0, 365);
        }
        if (!dates.empty() && dates[0] == '/') {
            dates.remove_prefix(1);
            // RFC 8536 3.3.1: the time may be negative and up to 167 hours.
            auto t = parse_signed_hms(dates, 167);
            if (!t) throw bad("change time");
            d->time = *t;
        }
    }
    if (!dates.empty()) throw bad("trailing characters");
    if (r.std_type.offset < kMinOffset || r.std_type.offset > kMaxOffset || r.dst_type.offset < kMinOffset ||
        r.dst_type.offset > kMaxOffset)
        throw bad("offset out of range");
    return r;
}

int64_t TimeZone::rule_date_utc(const Rule::Date& d, int64_t year, int offset_before) {
    int64_t day = days_from_civil(year, 1, 1);
    if (d.kind == 'J') day += d.day - 1 + (leap(year) && d.day >= 60);
    else if (d.kind == 'N') day += d.day;
    else {
        const int64_t first = days_from_civil(year, d.month, 1);
        const int64_t next = d.month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, d.month + 1, 1);
        day = first + (d.day - weekday(first) + 7) % 7 + int64_t{d.week - 1} * 7;
        while (day >= next) day -= 7;  // week 5: the last such weekday of the month
    }
    return day * kDay + d.time - offset_before;
}

TimeZone::Type TimeZone::rule_type_at(int64_t t) const {
    if (!rule_.has_dst) return rule_.std_type;
    const int64_t year = civil_from_days(floor_div(t + rule_.std_type.offset, kDay)).year;
    // The start is said in standard time, the end in summer time.
    const int64_t start = rule_date_utc(rule_.start, year, rule_.std_type.offset);
    const int64_t end = rule_date_utc(rule_.end, year, rule_.dst_type.offset);
    const bool summer = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return summer ? rule_.dst_type : rule_.std_type;
}

TimeZone::Type TimeZone::type_at(int64_t t) const {
    if (transitions_.empty() || t >= transitions_.back()) {
        if (has_rule_) return rule_type_at(t);
        if (transitions_.empty()) return types_.front();
    }
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
    // RFC 8536 3.2: before the first transition, the first time type applies.
    if (it == transitions_.begin()) return types_.front();
    return types_[transition_types_[static_cast<size_t>(it - transitions_.begin() - 1)]];
}

int TimeZone::offset_at(int64_t t) const { return type_at(clamp_time(t)).offset; }

std::tm TimeZone::local(int64_t t) const {
    t = clamp_time(t);
    const Type type = type_at(t);
    const int64_t lt = t + type.offset;
    const int64_t days = floor_div(lt, kDay);
    const int64_t secs = lt - days * kDay;
    const Civil c = civil_from_days(days);
    std::tm tm{};
    tm.tm_year = static_cast<int>(c.year - 1900);
    tm.tm_mon = c.month - 1;
    tm.tm_mday = c.day;
    tm.tm_hour = static_cast<int>(secs / 3600);
    tm.tm_min = static_cast<int>(secs / 60 % 60);
    tm.tm_sec = static_cast<int>(secs % 60);
    tm.tm_wday = weekday(days);
    tm.tm_yday = static_cast<int>(days - days_from_civil(c.year, 1, 1));
    tm.tm_isdst = type.dst ? 1 : 0;
    tm.tm_gmtoff = type.offset;
    tm.tm_zone = nullptr;
    return tm;
}

int64_t TimeZone::to_utc(const std::tm& tm) const {
    const int64_t months = int64_t{tm.tm_year} * 12 + tm.tm_mon;
    const int64_t year = 1900 + floor_div(months, 12);
    const int64_t month = months - floor_div(months, 12) * 12 + 1;
    const int64_t days = days_from_civil(year, month, 1) + tm.tm_mday - 1;
    const int64_t wall = clamp_time(days * kDay + int64_t{tm.tm_hour} * 3600 + int64_t{tm.tm_min} * 60 + tm.tm_sec);
    // The offsets in effect a day before and a day after (changes are further apart than that).
    const int64_t before = offset_at(wall - kDay), after = offset_at(wall + kDay);
    const int64_t a = wall - before, b = wall - after;
    const bool a_ok = offset_at(a) == before, b_ok = offset_at(b) == after;
    if (a_ok && b_ok) return std::min(a, b);
    if (b_ok) return b;
    return a;
}

TimeZone TimeZone::from_posix(std::string name, std::string_view rule) {
    TimeZone z;
    z.name_ = std::move(name);
    z.rule_ = parse_rule(rule);
    z.has_rule_ = true;
    z.types_ = {z.rule_.std_type};
    return z;
}

TimeZone TimeZone::from_tzif(std::string name, std::string_view bytes) {
    Reader in(bytes);
    Header h = read_header(in);
    int time_size = 4;
    if (h.version >= '2') {
        // The version 1 block is for old readers: skip it, the 64-bit one follows.
        in.need(h.block_size(4), "version 1 data");
        in.skip(h.block_size(4));
        h = read_header(in);
        time_size = 8;
    }
    in.need(h.block_size(time_size), "data block");
    TimeZone z;
    z.name_ = std::move(name);
    z.transitions_.reserve(h.timecnt);
    for (uint32_t i = 0; i < h.timecnt; ++i) {
        int64_t t = time_size == 8 ? in.i64() : static_cast<int32_t>(in.u32());
        if (!z.transitions_.empty() && t <= z.transitions_.back())
            throw std::invalid_argument("transition times not in ascending order");
        z.transitions_.push_back(t);
    }
    z.transition_types_.reserve(h.timecnt);
    for (uint32_t i = 0; i < h.timecnt; ++i) {
        uint8_t type = in.u8();
        if (type >= h.typecnt) throw std::invalid_argument("transition to an unknown local time type");
        z.transition_types_.push_back(type);
    }
    z.types_.clear();
    for (uint32_t i = 0; i < h.typecnt; ++i) {
        int64_t offset = static_cast<int32_t>(in.u32());
        uint8_t dst = in.u8();
        uint8_t designation = in.u8();
        if (offset < kMinOffset || offset > kMaxOffset) throw std::invalid_argument("UTC offset out of range");
        if (dst > 1) throw std::invalid_argument("bad DST indicator");
        if (designation >= h.charcnt) throw std::invalid_argument("designation index out of range");
        z.types_.push_back({static_cast<int>(offset), dst == 1});
    }
    // Designations, leap seconds and the UT/standard indicators (only for POSIX-style TZ
    // environment rules, which we do not apply) are not needed.
    in.skip(uint64_t{h.charcnt} + uint64_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt);
    if (time_size == 8) {
        std::string_view rest = in.rest();
        if (rest.empty() || rest[0] != '\n') throw std::invalid_argument("missing footer");
        auto close = rest.find('\n', 1);
        if (close == std::string_view::npos) throw std::invalid_argument("unterminated footer");
        std::string_view footer = rest.substr(1, close - 1);
        // An empty footer: no rule, the last type goes on (RFC 8536 3.3).
        if (!footer.empty()) {
            z.rule_ = parse_rule(footer);
            z.has_rule_ = true;
        }
    }
    return z;
}

TimeZone TimeZone::load(const std::string& name, const std::string& dir) {
    if (name == "UTC") return TimeZone();
    if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos)
        throw std::runtime_error("\"" + name + "\" is not a time zone name such as Europe/Paris");
    const std::string path = dir + "/" + name;
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read time zone file " + path + ": " + std::strerror(errno));
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad()) throw std::runtime_error("cannot read time zone file " + path);
    try {
        return from_tzif(name, bytes);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error("time zone file " + path + " is not usable: " + e.what());
    }
}

}  // namespace chatiere::i18n
