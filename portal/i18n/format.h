#pragma once
// Dates, numbers and money in the reader's locale.
#include <cstdint>
#include <string>
#include <string_view>

#include "i18n/catalog.h"
#include "i18n/time_zone.h"

namespace chatiere::i18n {

// Local dates are in the portal's zone (App::time_zone), passed in: never the process's TZ.

// "24 novembre 2026" / "24 November 2026" (month names from the catalogue: date.month.N).
std::string format_date(const Catalog& cat, std::string_view lang, const TimeZone& zone, int64_t unix_seconds);
// "24 novembre 2026 à 14:05" / "24 November 2026, 14:05" (catalogue: date.at).
std::string format_datetime(const Catalog& cat, std::string_view lang, const TimeZone& zone, int64_t unix_seconds);
// strftime(FORMAT) of a moment in UTC, or in `zone`; C locale (English names), as protocols
// want (HTTP and mail dates). No %Z: the zone has no abbreviations.
std::string strftime_utc(int64_t unix_seconds, const char* format);
std::string strftime_local(const TimeZone& zone, int64_t unix_seconds, const char* format);
// ISO 8601 in UTC for machines: "2026-11-24T14:05:00Z".
std::string iso_utc(int64_t unix_seconds);
// "2026-11-24" in `zone`.
std::string iso_date_local(const TimeZone& zone, int64_t unix_seconds);

// 1234567 → "1 234 567" (fr, narrow no-break spaces) / "1,234,567" (en).
std::string format_integer(std::string_view lang, int64_t n);
// Integer cents and an ISO 4217 code → "1 234,50 €" (fr) / "€1,234.50" (en). Never a float.
std::string format_money(std::string_view lang, int64_t cents, std::string_view currency);

}  // namespace chatiere::i18n
