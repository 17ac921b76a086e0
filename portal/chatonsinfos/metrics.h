#pragma once
// The portal's own counters published as metrics.* lines.
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "i18n/time_zone.h"

// The portal's own counters, published as metrics.* lines. Requests are counted in memory
// (one relaxed atomic add) and flushed to the daily table by the serve loop every minute;
// member counts are a daily snapshot. Days are local dates (the configured time zone).
namespace chatiere::chatonsinfos {

// The requests a portal served since the counts were last written to its database; one per
// portal (App).
class RequestCounter {
public:
    // One request served (from the server's logger, any thread).
    void count() { pending_.fetch_add(1, std::memory_order_relaxed); }
    int64_t pending() const { return pending_.load(std::memory_order_relaxed); }

private:
    friend void flush_metrics(db::Database&, const i18n::TimeZone&, int64_t, RequestCounter&);
    std::atomic<int64_t> pending_{0};
};

// Adds the pending counts to today's rows (days in `zone`). Call every minute and at shutdown.
void flush_metrics(db::Database& db, const i18n::TimeZone& zone, int64_t now, RequestCounter& counter);
// Records today's member and per-service account counts. Call once a day (or more: the
// day's value is replaced).
void snapshot_metrics(db::Database& db, const i18n::TimeZone& zone, int64_t now);

// The published lines for one metric: ("metrics.<label>.<year>.months", "n1,n2,…", comma-
// separated as the collective's ChatonsInfos 0.4 announcement writes them) for
// each year from the first recorded day up to the current year, months up to the current
// one. Only complete days count (today's partial numbers are not published, so the file
// changes at most once a day). `snapshot`: the month's last daily value; else the sum.
std::vector<std::pair<std::string, std::string>> monthly_lines(db::Database& db, const i18n::TimeZone& zone,
                                                               const std::string& name, const std::string& label,
                                                               bool snapshot, int64_t now);

}  // namespace chatiere::chatonsinfos
