#include "i18n/format.h"

#include <ctime>

namespace chatiere::i18n {
namespace {

const char* const kNarrowNbsp = "\u202f";
const char* const kNbsp = "\u00a0";

std::string two(int n) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

std::string group_digits(std::string_view lang, uint64_t n) {
    std::string digits = std::to_string(n);
    std::string sep = lang == "fr" ? kNarrowNbsp : ",";
    std::string out;
    int lead = static_cast<int>(digits.size() % 3);
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (static_cast<int>(i) - lead) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string format_date(const Catalog& cat, std::string_view lang, const TimeZone& zone, int64_t t) {
    std::tm tm = zone.local(t);
    const std::string& month = cat.t(lang, "date.month." + std::to_string(tm.tm_mon + 1));
    std::string day = std::to_string(tm.tm_mday);
    if (lang == "fr" && tm.tm_mday == 1) day = "1er";
    return day + " " + month + " " + std::to_string(tm.tm_year + 1900);
}

std::string format_datetime(const Catalog& cat, std::string_view lang, const TimeZone& zone, int64_t t) {
    std::tm tm = zone.local(t);
    return cat.t(lang, "date.at", {{"date", format_date(cat, lang, zone, t)}, {"time", two(tm.tm_hour) + ":" + two(tm.tm_min)}});
}

std::string strftime_utc(int64_t t, const char* format) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

std::string strftime_local(const TimeZone& zone, int64_t t, const char* format) {
    std::tm tm = zone.local(t);
    char buf[64];
    return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

std::string iso_utc(int64_t t) { return strftime_utc(t, "%Y-%m-%dT%H:%M:%SZ"); }

std::string iso_date_local(const TimeZone& zone, int64_t t) { return strftime_local(zone, t, "%Y-%m-%d"); }

std::string format_integer(std::string_view lang, int64_t n) {
    std::string sign = n < 0 ? "-" : "";
    uint64_t abs = n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
    return sign + group_digits(lang, abs);
}

std::string format_money(std::string_view lang, int64_t cents, std::string_view currency) {
    bool negative = cents < 0;
    uint64_t abs = negative ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
    std::string units = group_digits(lang, abs / 100);
    std::string frac = two(static_cast<int>(abs % 100));
    std::string symbol;
    bool symbol_before_en = true;
    if (currency == "EUR") symbol = "€";
    else if (currency == "USD") symbol = "$";
    else if (currency == "GBP") symbol = "£";
    else {
        symbol = std::string(currency);
        symbol_before_en = false;
    }
    std::string sign = negative ? "-" : "";
    if (lang == "fr") return sign + units + "," + frac + kNbsp + symbol;
    if (symbol_before_en) return sign + symbol + units + "." + frac;
    return sign + units + "." + frac + kNbsp + symbol;
}

}  // namespace chatiere::i18n
