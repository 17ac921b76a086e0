#include "chatonsinfos/metrics.h"

#include "i18n/format.h"
#include "store/metrics.h"

namespace chatiere::chatonsinfos {

void flush_metrics(db::Database& db, const i18n::TimeZone& zone, int64_t now, RequestCounter& counter) {
    int64_t hits = counter.pending_.exchange(0, std::memory_order_relaxed);
    if (hits == 0) return;
    try {
        store::add_metric(db, "http.hits", i18n::iso_date_local(zone, now), hits);
    } catch (...) {
        counter.pending_.fetch_add(hits, std::memory_order_relaxed);  // try again next minute
        throw;
    }
}

void snapshot_metrics(db::Database& db, const i18n::TimeZone& zone, int64_t now) {
    std::string day = i18n::iso_date_local(zone, now);
    db::Transaction tx(db);
    auto members = store::count_members(db, now);
    store::set_metric(db, "members.accounts", day, members.accounts);
    store::set_metric(db, "members.active", day, members.active);
    for (const auto& [service_id, accounts] : store::count_service_accounts(db))
        store::set_metric(db, "service." + std::to_string(service_id) + ".accounts", day, accounts);
    tx.commit();
}

std::vector<std::pair<std::string, std::string>> monthly_lines(db::Database& db, const i18n::TimeZone& zone,
                                                               const std::string& name, const std::string& label,
                                                               bool snapshot, int64_t now) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string first = store::metric_first_day(db, name);
    std::string today = i18n::iso_date_local(zone, now);
    if (first.empty() || first >= today) return out;
    int first_year = std::stoi(first.substr(0, 4));
    int this_year = std::stoi(today.substr(0, 4));
    int this_month = std::stoi(today.substr(5, 2));
    auto months = snapshot ? store::metric_monthly_last(db, name, first, today)
                           : store::metric_monthly_sums(db, name, first, today);
    for (int year = first_year; year <= this_year; ++year) {
        int last_month = year == this_year ? this_month : 12;
        // Missing trailing months are left out.
        while (last_month > 0) {
            char key[16];
            std::snprintf(key, sizeof key, "%04d-%02d", year, last_month);
            if (months.count(key)) break;
            --last_month;
        }
        if (last_month == 0) continue;
        std::string value;
        for (int m = 1; m <= last_month; ++m) {
            char key[16];
            std::snprintf(key, sizeof key, "%04d-%02d", year, m);
            if (m > 1) value += ',';  // as ChatonsInfos 0.4 writes them
            if (auto it = months.find(key); it != months.end()) value += std::to_string(it->second);
        }
        out.emplace_back("metrics." + label + "." + std::to_string(year) + ".months", value);
    }
    return out;
}

}  // namespace chatiere::chatonsinfos
