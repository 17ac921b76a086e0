// /account/contributions: the member's own entries, with a total per year, and a printable
// statement per year. Only entries linked to the logged-in member are ever read.
#include <map>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/ledger.h"
#include "store/members.h"
#include "store/settings.h"
#include "text/number.h"
#include "ui/contributions_common.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;

// Totals of one year: money kinds per currency, volunteer time apart.
struct YearSums {
    std::map<std::string, ledger::PerCurrency> by_kind;
    ledger::PerCurrency money;
    int64_t hours = 0;
};

std::map<std::string, YearSums, std::greater<>> sums_by_year(const std::vector<store::MemberYearTotal>& totals) {
    std::map<std::string, YearSums, std::greater<>> out;
    for (const auto& t : totals) {
        auto& y = out[t.year];
        if (t.total == 0) continue;
        if (t.currency == ledger::kHour) y.hours += t.total;
        else if (t.kind != "expense") {
            y.by_kind[t.kind][t.currency] += t.total;
            y.money[t.currency] += t.total;
        }
    }
    return out;
}

}  // namespace

void account_contributions(http::Ctx& ctx) {
    using namespace contributions;
    auto& db = ctx.db();
    int64_t me = ctx.user->id;
    http::View years{http::View::type::list};
    for (const auto& [year, sums] : sums_by_year(store::member_year_totals(db, me))) {
        http::View y;
        y.set("year", year);
        y.set("total", amounts(ctx, sums.money));
        http::View kinds{http::View::type::list};
        for (const auto& [kind, per] : sums.by_kind) {
            http::View k;
            k.set("label", kind_label(ctx, kind));
            k.set("amount", amounts(ctx, per));
            kinds.push_back(k);
        }
        y.set("kinds", kinds);
        if (sums.hours) y.set("hours", amount(ctx, sums.hours, ledger::kHour));
        y.set("receipt_url", ctx.url("/account/contributions/receipt/" + year));
        years.push_back(y);
    }
    // Paged by (date, id), newest first: ?before=2026-11-02.42
    std::string before_date;
    int64_t before_id = 0;
    if (std::string b = ctx.query.get("before"); !b.empty()) {
        auto dot = b.find('.');
        std::string id = dot == std::string::npos ? "" : b.substr(dot + 1);
        before_date = b.substr(0, dot);
        auto id_number = text::parse_decimal(id, 18);
        if (!ledger::is_iso_date(before_date) || !id_number) throw http::HttpError(400, "ledger.error.bad_page");
        before_id = *id_number;
    }
    auto entries = store::member_entries(db, me, before_date, before_id, kPageSize + 1);
    bool more = entries.size() > static_cast<size_t>(kPageSize);
    if (more) entries.pop_back();
    http::View list{http::View::type::list};
    for (const auto& e : entries) {
        http::View item = public_entry_view(ctx, e);
        item.set("public_name", e.public_name.value_or(""));
        item.set("shown_as", e.public_name ? *e.public_name : ctx.t("ledger.anonymous"));
        if (e.reverses_id) item.set("corrects", ctx.t("ledger.list.corrects", {{"id", std::to_string(*e.reverses_id)}}));
        list.push_back(item);
    }
    http::View v;
    v.set("years", years);
    v.set("has_years", !years.is_empty_list());
    v.set("entries", list);
    v.set("has_entries", !entries.empty());
    if (more)
        v.set("older_url", ctx.url("/account/contributions?before=" + entries.back().date + "." + std::to_string(entries.back().id)));
    if (before_id > 0) v.set("newest_url", ctx.url("/account/contributions"));
    http::render_page(ctx, "account_contributions", std::move(v), ctx.t("ledger.account.title"));
}

void account_contributions_receipt(http::Ctx& ctx) {
    using namespace contributions;
    const std::string& year = ctx.param("year");
    if (year.size() != 4 || !text::all_digits(year)) throw http::HttpError(404);
    auto& db = ctx.db();
    int64_t me = ctx.user->id;
    auto entries = store::member_entries_in_year(db, me, year);
    if (entries.empty()) throw http::HttpError(404, "ledger.account.no_receipt");
    http::View list{http::View::type::list};
    std::map<std::string, ledger::PerCurrency> by_kind;
    ledger::PerCurrency money;
    int64_t hours = 0;
    for (const auto& e : entries) {
        http::View item;
        item.set("date", day(ctx, e.date));
        item.set("iso_date", e.date);
        item.set("kind", kind_label(ctx, e.kind));
        item.set("amount", amount(ctx, e.amount, e.currency));
        if (e.reverses_id) item.set("corrects", ctx.t("ledger.list.corrects", {{"id", std::to_string(*e.reverses_id)}}));
        item.set("id", std::to_string(e.id));
        list.push_back(item);
        if (e.currency == ledger::kHour) hours += e.amount;
        else if (e.kind != "expense") {
            by_kind[e.kind][e.currency] += e.amount;
            money[e.currency] += e.amount;
        }
    }
    http::View v;
    add_common_view(ctx, v, ctx.t("ledger.receipt.title", {{"year", year}}));
    auto site = store::settings_with_prefix(db, "site.");
    if (auto a = site.find("site.address"); a != site.end()) v.set("site_address", a->second);
    auto member = store::find_member(db, me);
    v.set("member_name", member ? member->shown_name() : ctx.user->name);
    if (member) v.set("member_email", member->email);
    v.set("year", year);
    v.set("heading", ctx.t("ledger.receipt.title", {{"year", year}}));
    v.set("entries", list);
    v.set("total", amounts(ctx, money));
    if (hours) v.set("hours", amount(ctx, hours, ledger::kHour));
    http::View kinds{http::View::type::list};
    for (const auto& [kind, per] : by_kind) {
        http::View k;
        k.set("label", kind_label(ctx, kind));
        k.set("amount", amounts(ctx, per));
        kinds.push_back(k);
    }
    v.set("kinds", kinds);
    v.set("issued", ctx.t("ledger.receipt.issued", {{"date", ctx.format_date(ctx.now())}}));
    ctx.res.status = 200;
    ctx.res.set_content(ctx.app.views.render(ctx.lang, "receipt", v), "text/html; charset=utf-8");
}

}  // namespace chatiere::ui
