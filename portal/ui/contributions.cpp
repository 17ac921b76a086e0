// /contributions: the open books. Totals come from the per-month aggregates (never a sum
// over the whole log); the list of entries is paged by id.
#include <algorithm>

#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "charts/open_books.h"
#include "store/ledger.h"
#include "text/number.h"
#include "ui/contributions_common.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;

int64_t parse_id(const std::string& s) {
    if (s.empty()) return 0;
    auto id = text::parse_decimal(s, 18);
    if (!id) throw http::HttpError(400, "ledger.error.bad_page");
    return *id;
}

}  // namespace

void contributions_page(http::Ctx& ctx) {
    using namespace contributions;
    auto& db = ctx.db();
    std::string date = today(ctx);
    std::string this_year = date.substr(0, 4), this_month = date.substr(0, 7);
    std::string year = ctx.query.get("year");
    if (year.empty()) year = this_year;
    if (year.size() != 4 || !text::all_digits(year))
        throw http::HttpError(400, "ledger.error.bad_year");
    int64_t before = parse_id(ctx.query.get("before"));

    http::View v;
    add_goal_view(ctx, v);
    auto rows = store::monthly_rows(db);

    // The chart: the last twelve months in the main currency (the goal's, else EUR).
    std::string currency = "EUR";
    if (auto g = store::current_goal(db, date)) currency = g->currency;
    auto series = ledger::monthly_series(rows, this_month, 12, currency);
    std::vector<charts::ChartColumn> columns;
    http::View chart_rows{http::View::type::list};
    for (const auto& b : series) {
        int m = std::stoi(b.month.substr(5, 2));
        std::string label = ctx.t("ledger.month_short." + std::to_string(m));
        columns.push_back({label, b.income, b.expenses, amount(ctx, b.income, currency), amount(ctx, b.expenses, currency)});
        http::View r;
        r.set("month", ctx.t("date.month." + std::to_string(m)) + " " + b.month.substr(0, 4));
        r.set("income", amount(ctx, b.income, currency));
        r.set("expenses", amount(ctx, b.expenses, currency));
        r.set("balance", amount(ctx, b.income - b.expenses, currency));
        chart_rows.push_back(r);
    }
    v.set("chart_svg", charts::bar_chart_svg(columns, ctx.t("ledger.chart.title", {{"currency", currency}}),
                                             ctx.t("ledger.chart.desc"), ctx.t("ledger.chart.income"),
                                             ctx.t("ledger.chart.expenses"),
                                             [&](int64_t v) { return amount(ctx, v, currency); }));
    v.set("chart_rows", chart_rows);
    // At a glance (issue 15): this month's figures and this year's balance lead the page.
    if (!series.empty()) {
        const auto& now_month = series.back();
        int m = std::stoi(now_month.month.substr(5, 2));
        v.set("glance_month", ctx.t("date.month." + std::to_string(m)) + " " + now_month.month.substr(0, 4));
        v.set("glance_income", amount(ctx, now_month.income, currency));
        v.set("glance_expenses", amount(ctx, now_month.expenses, currency));
        v.set("glance_balance", amounts(ctx, ledger::totals_for(rows, this_year).balance));
        v.set("glance_year", this_year);
    }
    v.set("chart_caption", ctx.t("ledger.chart.title", {{"currency", currency}}));

    // The chosen year.
    auto t = ledger::totals_for(rows, year);
    v.set("year", year);
    v.set("year_heading", ctx.t("ledger.year.heading", {{"year", year}}));
    http::View by_kind{http::View::type::list};
    for (const auto& [kind, per] : t.income_by_kind) {
        http::View r;
        r.set("label", kind_label(ctx, kind));
        r.set("amount", amounts(ctx, per));
        by_kind.push_back(r);
    }
    http::View by_category{http::View::type::list};
    for (const auto& [cat, per] : t.expense_by_category) {
        http::View r;
        r.set("label", category_label(ctx, cat));
        r.set("amount", amounts(ctx, per));
        by_category.push_back(r);
    }
    v.set("income_by_kind", by_kind);
    v.set("expense_by_category", by_category);
    v.set("income_total", amounts(ctx, t.income));
    v.set("expenses_total", amounts(ctx, t.expenses));
    v.set("balance", amounts(ctx, t.balance));
    v.set("has_year", t.entries > 0);
    if (!t.in_kind.empty()) v.set("in_kind", amounts(ctx, t.in_kind));
    if (t.volunteer_hundredths) v.set("volunteer", amount(ctx, t.volunteer_hundredths, ledger::kHour));
    auto contributors = store::contributors_by_year(db);
    int64_t year_contributors = 0;
    for (const auto& [y, n] : contributors)
        if (y == year) year_contributors = n;
    v.set("contributors", i18n::format_integer(ctx.lang, year_contributors));

    // Months of the chosen year.
    http::View months{http::View::type::list};
    for (int m = 1; m <= 12; ++m) {
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%s-%02d", year.c_str(), m);
        auto mt = ledger::totals_for(rows, prefix);
        if (mt.entries == 0) continue;
        http::View r;
        r.set("month", ctx.t("date.month." + std::to_string(m)));
        r.set("income", amounts(ctx, mt.income));
        r.set("expenses", amounts(ctx, mt.expenses));
        r.set("balance", amounts(ctx, mt.balance));
        months.push_back(r);
    }
    v.set("months", months);

    // Every year.
    http::View years{http::View::type::list};
    for (const auto& y : ledger::years_of(rows)) {
        auto yt = ledger::totals_for(rows, y);
        http::View r;
        r.set("year", y);
        r.set("url", ctx.url("/contributions?year=" + y));
        r.set("current", y == year);
        r.set("income", amounts(ctx, yt.income));
        r.set("expenses", amounts(ctx, yt.expenses));
        r.set("balance", amounts(ctx, yt.balance));
        int64_t n = 0;
        for (const auto& [cy, cn] : contributors)
            if (cy == y) n = cn;
        r.set("contributors", i18n::format_integer(ctx.lang, n));
        years.push_back(r);
    }
    v.set("years", years);

    // The entries, newest first, paged by id.
    auto entries = store::entries_page(db, before, kPageSize + 1);
    bool more = entries.size() > static_cast<size_t>(kPageSize);
    if (more) entries.pop_back();
    http::View list{http::View::type::list};
    for (const auto& e : entries) list.push_back(public_entry_view(ctx, e));
    v.set("entries", list);
    v.set("has_entries", !entries.empty());
    if (more) v.set("older_url", ctx.url("/contributions?year=" + year + "&before=" + std::to_string(entries.back().id)) + "#entries");
    if (before > 0) v.set("newest_url", ctx.url("/contributions?year=" + year) + "#entries");

    // The chain head, to check the books.
    if (auto head = store::last_entry(db)) {
        v.set("head_id", std::to_string(head->id));
        v.set("head_hash", head->hash);
    }
    if (auto pub = store::latest_published_head(db)) {
        v.set("published_id", std::to_string(pub->entry_id));
        v.set("published_hash", pub->hash);
        v.set("published_on", ctx.t("ledger.chain.published", {{"date", ctx.format_date(pub->published_at)}}));
    }
    http::render_page(ctx, "contributions", std::move(v), ctx.t("ledger.title"));
}

}  // namespace chatiere::ui
