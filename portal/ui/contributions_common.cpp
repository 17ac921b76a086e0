#include "ui/contributions_common.h"

#include "app.h"
#include "i18n/format.h"
#include "store/ledger.h"
#include "store/settings.h"

namespace chatiere::ui::contributions {

std::string amount(const http::Ctx& ctx, int64_t value, std::string_view currency) {
    if (currency == ledger::kHour) {
        bool negative = value < 0;
        int64_t abs = negative ? -value : value;
        std::string units = i18n::format_integer(ctx.lang, abs / 100);
        char frac[4];
        std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(abs % 100));
        return std::string(negative ? "-" : "") + units + (ctx.lang == "fr" ? "," : ".") + frac + "\u00a0h";
    }
    return i18n::format_money(ctx.lang, value, currency);
}

std::string amounts(const http::Ctx& ctx, const ledger::PerCurrency& per, std::string_view fallback) {
    if (per.empty()) return amount(ctx, 0, fallback);
    std::string out;
    for (const auto& [cur, v] : per) {
        if (!out.empty()) out += " · ";
        out += amount(ctx, v, cur);
    }
    return out;
}

std::string day(const http::Ctx& ctx, std::string_view d) {
    if (d.size() != 10) return std::string(d);
    int y = std::stoi(std::string(d.substr(0, 4)));
    int m = std::stoi(std::string(d.substr(5, 2)));
    int dd = std::stoi(std::string(d.substr(8, 2)));
    std::string dn = ctx.lang == "fr" && dd == 1 ? "1er" : std::to_string(dd);
    return dn + " " + ctx.t("date.month." + std::to_string(m)) + " " + std::to_string(y);
}

std::string kind_label(const http::Ctx& ctx, std::string_view kind) { return ctx.t("ledger.kind." + std::string(kind)); }

std::string category_label(const http::Ctx& ctx, std::string_view category) {
    std::string key = "ledger.category." + std::string(category);
    if (ctx.app.catalog.has(ctx.lang, key)) return ctx.t(key);
    return std::string(category);
}

std::string today(const http::Ctx& ctx) { return i18n::iso_date_local(ctx.zone(), ctx.now()); }

void add_goal_view(http::Ctx& ctx, http::View& v) {
    auto& db = ctx.db();
    std::string date = today(ctx);
    if (auto goal = store::current_goal(db, date)) {
        bool monthly = goal->period == "monthly";
        std::string prefix = monthly ? date.substr(0, 7) : date.substr(0, 4);
        auto rows = store::monthly_rows(db, monthly ? prefix : prefix + "-01", monthly ? prefix : prefix + "-12");
        auto totals = ledger::totals_for(rows, prefix);
        int64_t received = totals.income.count(goal->currency) ? totals.income.at(goal->currency) : 0;
        http::View g;
        g.set("monthly", monthly);
        g.set("received", amount(ctx, received, goal->currency));
        g.set("needed", amount(ctx, goal->amount, goal->currency));
        g.set("percent", std::to_string(ledger::goal_percent(received, goal->amount)));
        g.set("value", std::to_string(std::max<int64_t>(0, std::min(received, goal->amount))));
        g.set("max", std::to_string(goal->amount));
        g.set("text", ctx.t(monthly ? "ledger.goal.monthly" : "ledger.goal.yearly",
                            {{"received", amount(ctx, received, goal->currency)},
                             {"needed", amount(ctx, goal->amount, goal->currency)}}));
        v.set("goal", g);
    }
    http::View links{http::View::type::list};
    for (const auto& [key, url] : store::settings_with_prefix(db, "site.funding.")) {
        if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) continue;
        std::string platform = key.substr(std::string("site.funding.").size());
        std::string label_key = "ledger.platform." + platform;
        http::View item;
        item.set("url", url);
        item.set("name", ctx.app.catalog.has(ctx.lang, label_key) ? ctx.t(label_key) : platform);
        links.push_back(item);
    }
    v.set("has_links", !links.is_empty_list());
    v.set("funding_links", links);
    v.set("has_funding", v.get("goal") != nullptr || !links.is_empty_list());
}

http::View public_entry_view(const http::Ctx& ctx, const ledger::Entry& e) {
    http::View item;
    item.set("id", std::to_string(e.id));
    item.set("date", day(ctx, e.date));
    item.set("iso_date", e.date);
    item.set("kind", kind_label(ctx, e.kind));
    item.set("expense", e.kind == "expense");
    if (e.kind == "expense") item.set("who", category_label(ctx, e.category));
    else item.set("who", e.public_name ? *e.public_name : ctx.t("ledger.anonymous"));
    item.set("anonymous", e.kind != "expense" && !e.public_name);
    item.set("amount", amount(ctx, e.amount, e.currency));
    if (e.reverses_id) item.set("corrects", ctx.t("ledger.list.corrects", {{"id", std::to_string(*e.reverses_id)}}));
    if (e.corrected_by) item.set("corrected", ctx.t("ledger.list.corrected", {{"id", std::to_string(*e.corrected_by)}}));
    item.set("hash", e.hash.substr(0, 12));
    return item;
}

}  // namespace chatiere::ui::contributions
