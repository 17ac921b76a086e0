// /admin/membership (issue 18): counts per state, the register filtered by state and paged by
// key (stored dates, indexed: no scan), fees that do not count, the honorary toggle, the
// policy form, and the register as CSV for the general assembly. Also the link of an
// anonymous fee to a member from the ledger's list.
#include <charconv>

#include "actions/membership.h"
#include "actions/settings.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/form.h"
#include "http/response.h"
#include "i18n/format.h"
#include "ledger/csv.h"
#include "ledger/entry.h"
#include "store/audit.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "store/settings.h"
#include "ui/contributions_common.h"
#include "ui/handlers.h"
#include "ui/membership_view.h"

namespace chatiere::ui {

namespace {

using domain::MembershipState;

constexpr int kPageSize = 50;
constexpr MembershipState kStates[] = {MembershipState::Member, MembershipState::RenewalDue, MembershipState::Grace,
                                       MembershipState::Lapsed, MembershipState::Honorary, MembershipState::None};

std::string state_label(const http::Ctx& ctx, MembershipState s) {
    return ctx.t("membership.state." + std::string(domain::to_string(s)));
}

std::optional<int> parse_days(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || v < 0 || v > 366) return std::nullopt;
    return v;
}

// The settings as the form shows them (what was typed, after an error).
struct PolicyForm {
    std::string enabled, policy, year_start, minimum_fee, renewal_days, grace_days, reminder_days, lapse_effect;
};

PolicyForm form_from_settings(http::Ctx& ctx) {
    auto s = store::settings_with_prefix(ctx.db(), "membership.");
    auto p = membership::policy_from_settings(s);
    auto get = [&](const char* k, const char* d) {
        auto it = s.find(k);
        return it == s.end() ? std::string(d) : it->second;
    };
    char ys[8];
    std::snprintf(ys, sizeof ys, "%02d-%02d", p.year_start_month, p.year_start_day);
    return {p.enabled ? "1" : "",
            std::string(domain::to_string(p.year)),
            ys,
            p.minimum_fee == 0 ? "" : ledger::amount_text(p.minimum_fee),
            std::to_string(p.renewal_days),
            std::to_string(p.grace_days),
            get("membership.reminder_days", "30,7,0"),
            get("membership.lapse_effect", "nothing")};
}

void render(http::Ctx& ctx, const PolicyForm& f, const actions::FieldErrors& errors, int status) {
    auto c = http::action_context(ctx, http::member_actor(ctx));
    const auto policy = actions::membership_policy(ctx.db());
    http::View v;
    v.set("enabled", policy.enabled);

    std::optional<MembershipState> only;
    if (auto q = ctx.query.get("state"); !q.empty()) {
        only = domain::parse_membership_state(q);
        if (!only) throw http::HttpError(400, "membership.admin.bad_state");
    }
    std::string after = ctx.query.get("after");
    if (after.size() > 200) throw http::HttpError(400, "membership.admin.bad_state");

    auto counts = actions::membership_counts(c);
    http::View states{http::View::type::list};
    http::View all;
    all.set("label", ctx.t("membership.admin.all"));
    all.set("url", ctx.url("/admin/membership"));
    all.set("current", !only);
    states.push_back(all);
    for (auto s : kStates) {
        http::View item;
        item.set("label", state_label(ctx, s));
        item.set("count", i18n::format_integer(ctx.lang, counts[s]));
        item.set("url", ctx.url("/admin/membership?state=" + std::string(domain::to_string(s))));
        item.set("current", only == s);
        states.push_back(item);
    }
    v.set("states", states);

    auto page = actions::register_page(c, only, after, kPageSize);
    http::View rows{http::View::type::list};
    for (const auto& l : page.lines) {
        http::View r;
        r.set("id", std::to_string(l.member_id));
        r.set("login", l.name);
        r.set("name", l.display_name);
        r.set("state", state_label(ctx, l.state));
        r.set("until", l.member_until.empty() ? std::string("—") : contributions::day(ctx, l.member_until));
        if (!l.member_until.empty()) r.set("iso_until", l.member_until);  // no <time> without a date
        r.set("honorary", l.honorary);
        rows.push_back(r);
    }
    v.set("rows", rows);
    v.set("has_rows", !page.lines.empty());
    v.set("back", only ? "/admin/membership?state=" + std::string(domain::to_string(*only)) : "/admin/membership");
    std::string base = "/admin/membership" + (only ? "?state=" + std::string(domain::to_string(*only)) + "&" : "?");
    if (!page.next.empty()) v.set("next_url", ctx.url(base + "after=" + http::percent_encode(page.next)) + "#register");
    if (!after.empty()) v.set("first_url", ctx.url(only ? base.substr(0, base.size() - 1) : "/admin/membership") + "#register");

    // Fees that do not count for being under the minimum, newest first.
    http::View below{http::View::type::list};
    if (policy.minimum_fee > 0)
        for (const auto& b : store::fees_below_minimum(ctx.db(), policy.minimum_fee, policy.currency, 50)) {
            http::View r;
            r.set("id", std::to_string(b.entry_id));
            r.set("login", b.member_name);
            r.set("date", contributions::day(ctx, b.date));
            r.set("amount", contributions::amount(ctx, b.amount, b.currency));
            below.push_back(r);
        }
    v.set("below", below);
    v.set("has_below", !below.is_empty_list());
    if (policy.minimum_fee > 0) v.set("minimum", contributions::amount(ctx, policy.minimum_fee, policy.currency));

    http::View form;
    form.set("enabled", !f.enabled.empty());
    http::View policies{http::View::type::list};
    for (const char* p : {"year_from_payment", "calendar_year", "association_year"}) {
        http::View o;
        o.set("value", std::string(p));
        o.set("label", ctx.t(std::string("membership.policy.") + p));
        o.set("checked", f.policy == p);
        policies.push_back(o);
    }
    form.set("policies", policies);
    http::View effects{http::View::type::list};
    for (const char* e : {"nothing", "sso"}) {
        http::View o;
        o.set("value", std::string(e));
        o.set("label", ctx.t(std::string("membership.lapse_effect.") + e));
        o.set("checked", f.lapse_effect == e);
        effects.push_back(o);
    }
    form.set("effects", effects);
    form.set("year_start", f.year_start);
    form.set("minimum_fee", f.minimum_fee);
    form.set("currency", policy.currency);
    form.set("renewal_days", f.renewal_days);
    form.set("grace_days", f.grace_days);
    form.set("reminder_days", f.reminder_days);
    http::View error_list{http::View::type::list};
    for (const auto& [field, key] : errors) {
        form.set("error_" + field, ctx.t(key));
        http::View e;
        e.set("id", "membership-" + field);
        e.set("message", ctx.t(key));
        error_list.push_back(e);
    }
    form.set("errors", error_list);
    form.set("error", !errors.empty());
    v.set("form", form);
    std::string done = ctx.query.get("done");
    v.set("done_saved", done == "saved");
    v.set("done_honorary", done == "honorary");
    http::render_page(ctx, "admin_membership", std::move(v), ctx.t("membership.admin.title"), status);
}

}  // namespace

void add_member_membership_view(http::Ctx& ctx, http::View& v, int64_t member_id) {
    if (!actions::membership_policy(ctx.db()).enabled) return;
    auto s = actions::member_standing(http::action_context(ctx, http::member_actor(ctx)), member_id);
    http::View m;
    m.set("state", state_label(ctx, s.state));
    if (!s.member_until.empty()) {
        m.set("until", contributions::day(ctx, s.member_until));
        m.set("iso_until", s.member_until);
    }
    m.set("honorary", s.state == MembershipState::Honorary);
    m.set("back", "/admin/members/" + std::to_string(member_id));
    v.set("membership", m);
}

void admin_membership(http::Ctx& ctx) { render(ctx, form_from_settings(ctx), {}, 200); }

void admin_membership_settings(http::Ctx& ctx) {
    PolicyForm f{ctx.form.get("enabled") == "1" ? "1" : "",
                 ctx.form.get("policy"),
                 ctx.form.get("year_start"),
                 ctx.form.get("minimum_fee"),
                 ctx.form.get("renewal_days"),
                 ctx.form.get("grace_days"),
                 ctx.form.get("reminder_days"),
                 ctx.form.get("lapse_effect")};
    actions::FieldErrors errors;
    if (!domain::parse_membership_policy(f.policy)) errors["policy"] = "membership.error.policy";
    if (f.year_start.empty()) f.year_start = "01-01";
    if (!membership::parse_year_start(f.year_start)) errors["year_start"] = "membership.error.year_start";
    int64_t minimum = 0;
    if (!f.minimum_fee.empty() && f.minimum_fee != "0") {
        auto m = ledger::parse_written_amount(f.minimum_fee);
        if (!m || *m < 0 || *m > 100'000'000) errors["minimum_fee"] = "membership.error.minimum_fee";
        else minimum = *m;
    }
    auto renewal = parse_days(f.renewal_days), grace = parse_days(f.grace_days);
    if (!renewal) errors["renewal_days"] = "membership.error.days";
    if (!grace) errors["grace_days"] = "membership.error.days";
    auto reminders = actions::parse_reminder_days(f.reminder_days);
    if (!reminders) errors["reminder_days"] = "membership.error.reminder_days";
    if (f.lapse_effect != "nothing" && f.lapse_effect != "sso") errors["lapse_effect"] = "membership.error.lapse_effect";
    if (!errors.empty()) {
        render(ctx, f, errors, 400);
        return;
    }
    std::string days;
    for (int d : *reminders) days += (days.empty() ? "" : ",") + std::to_string(d);
    auto c = http::action_context(ctx, http::member_actor(ctx));
    const bool was_sso = actions::lapse_blocks_sso(ctx.db());
    actions::change_settings(c, {{"membership.enabled", f.enabled.empty() ? "0" : "1"},
                                 {"membership.policy", f.policy},
                                 {"membership.year_start", f.year_start},
                                 {"membership.minimum_fee", std::to_string(minimum)},
                                 {"membership.renewal_days", std::to_string(*renewal)},
                                 {"membership.grace_days", std::to_string(*grace)},
                                 {"membership.reminder_days", days},
                                 {"membership.lapse_effect", f.lapse_effect}});
    // A change of the year policy or the minimum put everyone on the stale list (sql/013).
    actions::refresh_standings(c);
    if (!was_sso) actions::apply_lapse_effect(c);  // those already lapsed lose single sign-on now
    http::redirect(ctx, "/admin/membership?done=saved");
}

void admin_membership_csv(http::Ctx& ctx) {
    auto c = http::action_context(ctx, http::member_actor(ctx));
    std::string out = "name,email,joined,member_until,state\r\n";
    std::string after;
    do {
        auto page = actions::register_page(c, std::nullopt, after, 1000);
        for (const auto& l : page.lines)
            out += ledger::csv_field(ledger::csv_text_cell(l.display_name.empty() ? l.name : l.display_name)) + "," +
                   ledger::csv_field(ledger::csv_text_cell(l.email)) + "," + l.joined + "," + l.member_until + "," +
                   std::string(domain::to_string(l.state)) + "\r\n";
        after = std::move(page.next);
    } while (!after.empty());
    {
        db::Transaction tx(ctx.db());
        store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.user->login, "membership.export", "membership", "");
        tx.commit();
    }
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"membership-register.csv\"");
    http::send_text(ctx, std::move(out), "text/csv; charset=utf-8");
}

void admin_member_honorary(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    std::string value = ctx.form.get("honorary");
    if (value != "0" && value != "1") throw http::HttpError(400, "membership.error.honorary");
    if (!actions::set_honorary(http::action_context(ctx, http::member_actor(ctx)), id, value == "1"))
        throw http::HttpError(404);
    std::string back = ctx.form.get("back");
    // Back to the list the admin came from, or the member's page (paths of these pages only).
    if ((back.rfind("/admin/membership", 0) != 0 && back != "/admin/members/" + std::to_string(id)) ||
        back.find_first_of("\r\n") != std::string::npos)
        back = "/admin/membership";
    http::redirect(ctx, back + (back.find('?') == std::string::npos ? "?" : "&") + "done=honorary");
}

void admin_ledger_link(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    std::string name = ctx.form.get("member");
    auto member = name.empty() ? std::nullopt : store::ledger_member_id(ctx.db(), name);
    if (!member) throw http::HttpError(422, "membership.link.error.member");
    if (auto err = actions::link_fee(http::action_context(ctx, http::member_actor(ctx)), id, *member)) {
        if (*err == "no_entry") throw http::HttpError(404);
        throw http::HttpError(409, "membership.link.error." + *err);
    }
    http::redirect(ctx, "/admin/ledger?done=linked");
}

}  // namespace chatiere::ui
