// The zone file of the configured time zone (TZif, RFC 8536) and its footer's POSIX TZ rule:
// the parser must refuse or accept any bytes without reading past them, and an accepted zone
// must answer for any moment with offsets in the RFC's range and local times that go back.
#include <string>

#include "fuzz_check.h"
#include "i18n/time_zone.h"

using chatiere::i18n::TimeZone;

namespace {

void check_zone(const TimeZone& zone) {
    for (int64_t t : {int64_t{INT64_MIN}, int64_t{-4'000'000'000}, int64_t{-1}, int64_t{0}, int64_t{1'774'746'000},
                      int64_t{2'216'250'000}, int64_t{40'000'000'000}, int64_t{INT64_MAX}}) {
        const int offset = zone.offset_at(t);
        FUZZ_CHECK(offset >= -89999 && offset <= 93599);
        std::tm local = zone.local(t);
        FUZZ_CHECK(local.tm_gmtoff == offset);
        FUZZ_CHECK(local.tm_hour >= 0 && local.tm_hour < 24 && local.tm_mon >= 0 && local.tm_mon < 12);
        FUZZ_CHECK(local.tm_mday >= 1 && local.tm_mday <= 31 && local.tm_wday >= 0 && local.tm_wday < 7);
        (void)zone.to_utc(local);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in = fuzz_input(data, size);
    try {
        check_zone(TimeZone::from_tzif("fuzz", in));
    } catch (const std::invalid_argument&) {
    }
    // The same bytes as a footer rule alone (short inputs are what such rules look like).
    if (size <= 256) {
        try {
            check_zone(TimeZone::from_posix("fuzz", in));
        } catch (const std::invalid_argument&) {
        }
    }
    return 0;
}
