#pragma once
// What the contribution pages share: labels, amounts, the funding goal.
#include <string>

#include "http/context.h"
#include "http/views.h"
#include "ledger/entry.h"
#include "ledger/totals.h"

// Helpers shared by the contribution pages (public, admin, member's): labels and amounts in
// the reader's language, and the funding-goal block (also on the homepage).
namespace chatiere::ui::contributions {

// "25,00 €" / "€25.00"; volunteer time "2,50 h" / "2.50 h".
std::string amount(const http::Ctx& ctx, int64_t value, std::string_view currency);
// Every currency of a total, "1 234,50 € · 30,00 CHF" ("0,00 €" when empty).
std::string amounts(const http::Ctx& ctx, const ledger::PerCurrency& per, std::string_view fallback_currency = "EUR");
// "2 novembre 2026" for "2026-11-02".
std::string day(const http::Ctx& ctx, std::string_view iso_date);
std::string kind_label(const http::Ctx& ctx, std::string_view kind);
std::string category_label(const http::Ctx& ctx, std::string_view category);
// Today in the hoster's time zone (YYYY-MM-DD).
std::string today(const http::Ctx& ctx);

// Sets "goal" (amount, received, percent, texts) and "funding_links" on `v` when a goal is
// in force or links are set. Used by /contributions and the homepage.
void add_goal_view(http::Ctx& ctx, http::View& v);

// An entry as the public sees it (no note, no member): date, kind, who, amount, correction.
http::View public_entry_view(const http::Ctx& ctx, const ledger::Entry& e);

}  // namespace chatiere::ui::contributions
