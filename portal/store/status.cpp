#include "store/status.h"

#include <algorithm>

namespace chatiere::store {
namespace {

struct Active {
    status::Effect worst = status::Effect::None;
    bool maintenance = false;
    std::vector<int64_t> ids;
};

std::map<int64_t, Active> active_by_service(db::Database& db, int64_t now) {
    std::map<int64_t, Active> out;
    for (const auto& sp : spans_between(db, now, now + 1)) {
        auto state = status::effective_state(sp.kind, sp.state, sp.started_at, sp.closes_at, now);
        if (domain::is_closed(state) || state == domain::IncidentState::Scheduled) continue;
        auto& a = out[sp.service_id];
        a.ids.push_back(sp.incident_id);
        if (sp.kind == domain::IncidentKind::Maintenance) a.maintenance = true;
        else a.worst = std::max(a.worst, status::parse_effect(sp.effect).value_or(status::Effect::None));
    }
    return out;
}

ServiceState make_state(const Service& s, const std::map<int64_t, Active>& active) {
    ServiceState st;
    st.service = s;
    auto it = active.find(s.id);
    Active none;
    const Active& a = it == active.end() ? none : it->second;
    st.status = status::derive(s.admin_state, a.worst, a.maintenance);
    st.active_ids = a.ids;
    std::sort(st.active_ids.begin(), st.active_ids.end());
    st.active_ids.erase(std::unique(st.active_ids.begin(), st.active_ids.end()), st.active_ids.end());
    return st;
}

struct Spans {
    std::map<int64_t, std::vector<status::Outage>> outages;
    std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> maintenance;
};

Spans spans_by_service(db::Database& db, int64_t since, int64_t now) {
    Spans out;
    for (const auto& sp : spans_between(db, since, now)) {
        if (sp.kind == domain::IncidentKind::Maintenance) {
            out.maintenance[sp.service_id].emplace_back(sp.started_at, sp.closes_at);
        } else if (auto e = status::parse_effect(sp.effect)) {
            out.outages[sp.service_id].push_back({sp.started_at, sp.closes_at, *e});
        }
    }
    return out;
}

ServiceHistory history_of(const ServiceState& st, const Spans& spans, const std::vector<int64_t>& b) {
    ServiceHistory h;
    h.state = st;
    static const std::vector<status::Outage> kNone;
    auto o = spans.outages.find(st.service.id);
    const auto& outages = o == spans.outages.end() ? kNone : o->second;
    auto stats = status::per_day(outages, b);
    int64_t total = 0;
    auto m = spans.maintenance.find(st.service.id);
    for (size_t k = 0; k < stats.size(); ++k) {
        DayView d{b[k], b[k + 1], stats[k], false};
        if (m != spans.maintenance.end())
            for (const auto& [s, e] : m->second)
                if (s < d.end && e > d.start) d.maintenance = true;
        total += stats[k].down_tenths;
        h.days.push_back(d);
    }
    int64_t length = b.back() - b.front();
    h.availability = length > 0 ? 100.0 * (1.0 - static_cast<double>(total) / 10.0 / static_cast<double>(length)) : 100.0;
    return h;
}

}  // namespace

std::vector<ServiceState> service_statuses(db::Database& db, int64_t now, bool include_members_only) {
    auto services = list_services(db, include_members_only, false);
    auto active = active_by_service(db, now);
    std::vector<ServiceState> out;
    out.reserve(services.size());
    for (const auto& s : services) out.push_back(make_state(s, active));
    return out;
}

std::vector<ServiceState> service_statuses_of(db::Database& db, const std::vector<int64_t>& ids, int64_t now,
                                              bool include_members_only) {
    auto active = active_by_service(db, now);
    std::vector<ServiceState> out;
    for (int64_t id : ids)
        if (auto s = find_service(db, id);
            s && s->admin_state != "draft" && (include_members_only || s->visibility == "public"))
            out.push_back(make_state(*s, active));
    return out;
}

status::ServiceStatus service_status(db::Database& db, const Service& s, int64_t now) {
    return make_state(s, active_by_service(db, now)).status;
}

void filter_visible(std::vector<Incident>& incidents, bool include_members_only) {
    std::erase_if(incidents, [&](Incident& i) {
        if (i.services.empty()) return false;
        std::erase_if(i.services, [&](const AffectedService& a) { return !a.visible_to(include_members_only); });
        return i.services.empty();
    });
}

StatusBoard status_board(db::Database& db, const i18n::TimeZone& zone, int64_t now, bool include_members_only, size_t first, size_t count,
                         int days) {
    StatusBoard board;
    auto b = status::day_boundaries(zone, now, days);
    auto spans = spans_by_service(db, b.front(), now);
    int worst = 0;
    auto states = service_statuses(db, now, include_members_only);
    board.total_services = states.size();
    for (size_t k = 0; k < states.size(); ++k) {
        const auto& st = states[k];
        if (k >= first && k - first < count) board.services.push_back(history_of(st, spans, b));
        if (status::severity(st.status) > worst) {
            worst = status::severity(st.status);
            board.overall = st.status;
        }
    }
    auto active = active_incidents(db, now, include_members_only);
    filter_visible(active, include_members_only);
    for (auto& i : active) {
        bool upcoming = i.kind == domain::IncidentKind::Maintenance &&
                        status::effective_state(i.kind, i.state, i.started_at, i.closes_at, now) ==
                            domain::IncidentState::Scheduled;
        (upcoming ? board.upcoming : board.open).push_back(std::move(i));
    }
    std::reverse(board.upcoming.begin(), board.upcoming.end());  // soonest first
    return board;
}

ServiceHistory service_history(db::Database& db, const i18n::TimeZone& zone, const Service& s, int64_t now,
                               int days) {
    auto b = status::day_boundaries(zone, now, days);
    auto spans = spans_by_service(db, b.front(), now);
    return history_of(make_state(s, active_by_service(db, now)), spans, b);
}

}  // namespace chatiere::store
