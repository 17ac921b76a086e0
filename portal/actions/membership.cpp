#include "actions/membership.h"

#include <algorithm>
#include <atomic>
#include <charconv>

#include "i18n/format.h"
#include "oidc/access.h"
#include "store/audit.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "store/outbox.h"
#include "store/settings.h"

namespace chatiere::actions {

using domain::MembershipState;

membership::Policy membership_policy(db::Database& db) {
    return membership::policy_from_settings(store::settings_with_prefix(db, "membership."));
}

membership::Standing member_standing(const Context& c, int64_t member_id) {
    return membership::derive(store::member_fees(c.db, member_id), store::is_honorary(c.db, member_id),
                              membership_policy(c.db), c.now, c.zone);
}

bool lapse_blocks_sso(db::Database& db) { return store::get_setting_or(db, "membership.lapse_effect", "nothing") == "sso"; }

namespace {
std::atomic<std::shared_ptr<const i18n::TimeZone>> g_zone{i18n::TimeZone::utc()};
}

void set_membership_zone(std::shared_ptr<const i18n::TimeZone> zone) {
    if (zone) g_zone.store(std::move(zone));
}

std::string membership_sso_refusal(db::Database& db, int64_t member_id, int64_t now) {
    if (!lapse_blocks_sso(db)) return "";
    auto policy = membership_policy(db);
    if (!policy.enabled) return "";
    auto zone = g_zone.load();
    auto s = membership::derive(store::member_fees(db, member_id), store::is_honorary(db, member_id), policy, now, *zone);
    return s.state == MembershipState::Lapsed ? "membership_lapsed" : "";
}

namespace {

// The stored dates are those derive() computes with membership on (turning it off and on
// again changes no date); a fee dated after today brings its member back on its date.
void store_derived(db::Database& db, int64_t now, const i18n::TimeZone& zone, int64_t member_id,
                   const std::vector<domain::MembershipFee>& fees, const membership::Policy& on) {
    auto s = membership::derive(fees, false, on, now, zone);
    std::string recheck;
    for (size_t i = 0; i < fees.size(); ++i)
        if (s.fees[i].verdict == membership::FeeVerdict::Future && (recheck.empty() || fees[i].date < recheck))
            recheck = fees[i].date;
    store::save_dates(db, member_id, s.joined, s.member_until, recheck);
}

}  // namespace

int64_t refresh_standings(const Context& c, const std::function<void(int64_t, int64_t)>& progress) {
    return refresh_standings_at(c.db, c.now, c.zone, progress);
}

int64_t refresh_standings_at(db::Database& db, int64_t now, const i18n::TimeZone& zone,
                             const std::function<void(int64_t, int64_t)>& progress) {
    const std::string today = membership::day_of(now, zone);
    int64_t total = store::stale_count(db, today);
    if (total == 0) return 0;
    auto on = membership_policy(db);
    on.enabled = true;
    int64_t done = 0;
    constexpr int kBatch = 1000;
    while (done < total) {
        db::Transaction tx(db);
        auto ids = store::stale_members(db, today, kBatch);
        if (ids.empty()) break;
        for (int64_t id : ids) store_derived(db, now, zone, id, store::member_fees(db, id), on);
        tx.commit();
        done += static_cast<int64_t>(ids.size());
        if (progress) progress(std::min(done, total), total);
    }
    return done;
}

int64_t recompute_all_standings(const Context& c, const std::function<void(int64_t, int64_t)>& progress) {
    {
        db::Transaction tx(c.db);
        store::mark_all_stale(c.db);
        tx.commit();
    }
    return refresh_standings(c, progress);
}

std::optional<std::string> link_fee(const Context& c, int64_t entry_id, int64_t member_id) {
    auto e = store::find_entry(c.db, entry_id);
    if (!e) return "no_entry";
    if (e->kind != "membership_fee" || e->reverses_id) return "not_fee";
    if (e->member_id) return "linked";
    auto m = store::stored_standing(c.db, member_id);
    if (!m) return "member";
    {
        db::Transaction tx(c.db);
        if (!store::link_fee(c.db, entry_id, member_id)) return "linked";
        store::audit(c.db, c.now, c.actor.id, c.actor.name, "ledger.link", "ledger:" + std::to_string(entry_id),
                     "member " + m->name);
        tx.commit();
    }
    refresh_standings(c);
    return std::nullopt;
}

std::optional<std::vector<int>> parse_reminder_days(std::string_view text) {
    std::vector<int> out;
    if (text.empty()) return out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        auto part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        int v = 0;
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc{} || p != part.data() + part.size() || v < 0 || v > 366) return std::nullopt;
        if (std::find(out.begin(), out.end(), v) != out.end()) return std::nullopt;
        out.push_back(v);
        if (out.size() > 10) return std::nullopt;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    std::sort(out.rbegin(), out.rend());
    return out;
}

bool set_honorary(const Context& c, int64_t member_id, bool honorary) {
    auto m = store::stored_standing(c.db, member_id);
    if (!m) return false;
    if (m->honorary == honorary) return true;
    db::Transaction tx(c.db);
    store::set_honorary(c.db, member_id, honorary, c.now);
    store::audit(c.db, c.now, c.actor.id, c.actor.name, "member.honorary", "member:" + std::to_string(member_id),
                 m->name + (honorary ? " honorary" : " not honorary"));
    tx.commit();
    return true;
}

namespace {

RegisterLine line_of(store::StoredStanding s, const membership::Policy& policy, std::string_view today) {
    RegisterLine l;
    l.member_id = s.id;
    l.state = membership::state_on(s.until, s.honorary, policy, today);
    l.name = std::move(s.name);
    l.display_name = std::move(s.display_name);
    l.email = std::move(s.email);
    if (policy.enabled) {  // with membership off nobody has dates
        l.joined = std::move(s.since);
        l.member_until = std::move(s.until);
    }
    l.honorary = s.honorary;
    return l;
}

// The range of member_until a state covers (see membership::StateBounds).
std::pair<std::string, std::string> range_of(MembershipState state, const membership::StateBounds& b) {
    switch (state) {
        case MembershipState::Member: return {b.member_from, ""};
        case MembershipState::RenewalDue: return {b.today, b.member_from};
        case MembershipState::Grace: return {b.grace_from, b.today};
        case MembershipState::Lapsed: return {"", b.grace_from};
        default: return {"", ""};
    }
}

}  // namespace

RegisterPage register_page(const Context& c, std::optional<MembershipState> state, std::string_view after, int limit) {
    refresh_standings(c);
    const auto policy = membership_policy(c.db);
    const std::string today = membership::day_of(c.now, c.zone);
    RegisterPage out;
    std::vector<store::StoredStanding> rows;
    // The key is the log-in name, or "member_until name" when the list is by date.
    bool by_date = false;
    if (!state || !policy.enabled) {
        // With membership off everyone is `none`: the list is everyone, the other states empty.
        if (state && *state != MembershipState::None) return out;
        rows = store::page_all(c.db, after, limit + 1);
    } else if (*state == MembershipState::Honorary) {
        rows = store::page_honorary(c.db, after, limit + 1);
    } else if (*state == MembershipState::None) {
        rows = store::page_no_dates(c.db, after, limit + 1);
    } else {
        by_date = true;
        auto [from, to] = range_of(*state, membership::state_bounds(policy, today));
        std::string_view after_until, after_name;
        if (auto sp = after.find(' '); sp != std::string_view::npos) {
            after_until = after.substr(0, sp);
            after_name = after.substr(sp + 1);
        }
        rows = store::page_until_between(c.db, from, to, after_until, after_name, limit + 1);
    }
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(static_cast<size_t>(limit));
        const auto& last = rows.back();
        out.next = by_date ? last.until + " " + last.name : last.name;
    }
    for (auto& r : rows) out.lines.push_back(line_of(std::move(r), policy, today));
    return out;
}

std::vector<RegisterLine> membership_register(const Context& c, std::optional<MembershipState> state) {
    std::vector<RegisterLine> out;
    std::string after;
    do {
        auto page = register_page(c, state, after, 1000);
        for (auto& l : page.lines) out.push_back(std::move(l));
        after = std::move(page.next);
    } while (!after.empty());
    return out;
}

std::map<MembershipState, int64_t> membership_counts(const Context& c) {
    refresh_standings(c);
    return membership_counts_at(c.db, c.now, c.zone);
}

std::map<MembershipState, int64_t> membership_counts_at(db::Database& db, int64_t now, const i18n::TimeZone& zone) {
    const auto policy = membership_policy(db);
    std::map<MembershipState, int64_t> out;
    for (auto s : {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace,
                   MembershipState::Lapsed, MembershipState::Honorary, MembershipState::None})
        out[s] = 0;
    if (!policy.enabled) {
        out[MembershipState::None] =
            store::count_honorary(db) + store::count_no_dates(db) + store::count_until_between(db, "", "");
        return out;
    }
    const auto b = membership::state_bounds(policy, membership::day_of(now, zone));
    for (auto s : {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace, MembershipState::Lapsed}) {
        auto [from, to] = range_of(s, b);
        out[s] = store::count_until_between(db, from, to);
    }
    out[MembershipState::Honorary] = store::count_honorary(db);
    out[MembershipState::None] = store::count_no_dates(db);
    return out;
}

int64_t apply_lapse_effect(const Context& c) {
    if (!lapse_blocks_sso(c.db)) return 0;
    const std::string issuer = oidc::issuer_of(c.config.base_url);
    int64_t n = 0;
    std::string after;
    do {
        auto page = register_page(c, MembershipState::Lapsed, after, 500);
        db::Transaction tx(c.db);
        for (const auto& l : page.lines) {
            oidc::member_access_changed(c.db, l.member_id, issuer, c.now);
            ++n;
        }
        tx.commit();
        after = std::move(page.next);
    } while (!after.empty());
    return n;
}

namespace {

// A "YYYY-MM-DD" day written for a reader of `lang` ("12 mars 2027").
std::string written_day(const Context& c, const std::string& lang, std::string_view day) {
    auto n = membership::days_between("1970-01-01", day);
    if (!n) return std::string(day);
    return i18n::format_date(c.catalog, lang, *i18n::TimeZone::utc(), int64_t{*n} * 86400 + 43200);
}

void queue_membership_mail(const Context& c, const std::string& to, const std::string& lang, const std::string& kind,
                           i18n::Params params) {
    params.emplace_back("site", store::get_setting_or(c.db, "site.name", "Chatière"));
    store::enqueue_mail(c.db, to, c.catalog.t(lang, "membership.mail." + kind + ".subject", params),
                        c.catalog.t(lang, "membership.mail." + kind + ".body", params), c.now);
}

}  // namespace

DailyReport membership_daily(const Context& c) {
    DailyReport out;
    const std::string today = membership::day_of(c.now, c.zone);
    if (store::job_day(c.db, "daily") == today) return out;
    out.ran = true;
    refresh_standings(c);
    const auto policy = membership_policy(c.db);
    if (policy.enabled) {
        const bool sso = lapse_blocks_sso(c.db);
        const std::string issuer = oidc::issuer_of(c.config.base_url);
        auto reminders = parse_reminder_days(store::get_setting_or(c.db, "membership.reminder_days", "30,7,0"))
                             .value_or(std::vector<int>{30, 7, 0});
        auto seen = store::seen_states(c.db);
        std::string after;
        for (;;) {
            auto rows = store::page_all(c.db, after, 500);
            if (rows.empty()) break;
            after = rows.back().name;
            db::Transaction tx(c.db);
            for (const auto& m : rows) {
                auto state = membership::state_on(m.until, m.honorary, policy, today);
                std::string now_state(domain::to_string(state));
                auto it = seen.find(m.id);
                std::string old_state = it == seen.end() ? "none" : it->second;
                if (old_state != now_state) {
                    store::set_seen_state(c.db, m.id, now_state, today);
                    store::audit(c.db, c.now, std::nullopt, c.actor.name, "membership.state",
                                 "member:" + std::to_string(m.id), old_state + " -> " + now_state);
                    ++out.changes;
                    if (state == MembershipState::Lapsed && sso) oidc::member_access_changed(c.db, m.id, issuer, c.now);
                }
                if (!m.notify || m.honorary || m.until.empty()) continue;
                auto left = membership::days_between(today, m.until);
                if (!left) continue;
                std::optional<int> due;  // the closest reminder day already reached
                if (*left >= 0) {
                    for (int d : reminders)
                        if (d > 0 && *left <= d && (!due || d < *due)) due = d;
                } else if (state == MembershipState::Grace &&
                           std::find(reminders.begin(), reminders.end(), 0) != reminders.end()) {
                    due = 0;
                }
                if (!due || !store::record_reminder(c.db, m.id, m.until, *due, c.now)) continue;
                const std::string lang = m.locale == "en" ? "en" : "fr";
                queue_membership_mail(c, m.email, lang, *due == 0 ? "lapsed" : "renewal",
                                      {{"name", m.display_name.empty() ? m.name : m.display_name},
                                       {"date", written_day(c, lang, m.until)},
                                       {"days", std::to_string(std::max(*left, 0))},
                                       {"link", c.absolute_url("/account")}});
                ++out.reminders;
            }
            tx.commit();
        }
        // On the first run of a month: last month's summary to the admins.
        const std::string month = today.substr(0, 7);
        if (store::job_day(c.db, "summary").substr(0, 7) != month) {
            auto counts = membership_counts(c);
            const std::string first = month + "-01";
            const std::string prev_first = membership::add_days(first, -1).substr(0, 7) + "-01";
            const int64_t joined = store::count_joined_between(c.db, prev_first, first);
            db::Transaction tx(c.db);
            if (!store::job_day(c.db, "summary").empty())  // not on the very first run: nothing to sum up yet
                for (const auto& [email, locale] : store::admin_recipients(c.db)) {
                    const std::string lang = locale == "en" ? "en" : "fr";
                    queue_membership_mail(c, email, lang, "summary",
                                          {{"renewal_due", i18n::format_integer(lang, counts[MembershipState::RenewalDue])},
                                           {"grace", i18n::format_integer(lang, counts[MembershipState::Grace])},
                                           {"lapsed", i18n::format_integer(lang, counts[MembershipState::Lapsed])},
                                           {"members", i18n::format_integer(lang, counts[MembershipState::Member])},
                                           {"new", i18n::format_integer(lang, joined)},
                                           {"link", c.absolute_url("/admin/membership")}});
                    ++out.summaries;
                }
            store::set_job_day(c.db, "summary", today);
            tx.commit();
        }
    }
    db::Transaction tx(c.db);
    store::set_job_day(c.db, "daily", today);
    tx.commit();
    return out;
}

}  // namespace chatiere::actions
