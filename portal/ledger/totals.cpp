#include "ledger/totals.h"

#include <algorithm>
#include <set>

#include "ledger/entry.h"

namespace chatiere::ledger {

Totals totals_for(const std::vector<MonthlyRow>& rows, std::string_view prefix) {
    Totals t;
    for (const auto& r : rows) {
        if (r.month.compare(0, prefix.size(), prefix) != 0) continue;
        t.entries += r.entries;
        if (r.kind == "volunteer_time") {
            t.volunteer_hundredths += r.total;
        } else if (r.kind == "expense") {
            t.expense_by_category[r.category][r.currency] += r.total;
            t.expenses[r.currency] += r.total;
            t.balance[r.currency] -= r.total;
        } else if (r.kind == "in_kind") {
            t.in_kind[r.currency] += r.total;
        } else if (is_cash_income(r.kind)) {
            t.income_by_kind[r.kind][r.currency] += r.total;
            t.income[r.currency] += r.total;
            t.balance[r.currency] += r.total;
        }
    }
    return t;
}

std::vector<MonthBar> monthly_series(const std::vector<MonthlyRow>& rows, const std::string& last_month, int count,
                                     std::string_view currency) {
    std::vector<MonthBar> bars(static_cast<size_t>(std::max(count, 0)));
    std::string m = last_month;
    for (int i = count - 1; i >= 0; --i) {
        bars[static_cast<size_t>(i)].month = m;
        m = previous_month(m);
    }
    for (const auto& r : rows) {
        if (r.currency != currency) continue;
        for (auto& b : bars)
            if (b.month == r.month) {
                if (r.kind == "expense") b.expenses += r.total;
                else if (is_cash_income(r.kind)) b.income += r.total;
            }
    }
    return bars;
}

std::vector<std::string> years_of(const std::vector<MonthlyRow>& rows) {
    std::set<std::string, std::greater<>> years;
    for (const auto& r : rows) years.insert(r.month.substr(0, 4));
    return {years.begin(), years.end()};
}

int goal_percent(int64_t received, int64_t goal) {
    if (goal <= 0 || received <= 0) return 0;
    if (received >= goal) return 100;
    return static_cast<int>(received * 100 / goal);
}

}  // namespace chatiere::ledger
