#pragma once
// The open-books chart, drawn as SVG on the server.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// The bar chart of the public page: inline SVG drawn on the server (no JavaScript).
namespace chatiere::charts {

struct ChartColumn {
    std::string label;                     // "nov." (already translated)
    int64_t income = 0, expenses = 0;      // integers in one currency
    std::string income_text, expense_text; // "182,00 €" (already formatted)
};

// One row per column (month), with two horizontal bars (income, expenses) and each bar's
// value written after it, under a scale of three ticks written with `format` ("0 €",
// "500 €", "1 000 €"). Drawn 400 units wide so that its text stays readable when a phone
// shows it at its own width. One value far above the others (a grant) would flatten them:
// when the largest is over three times the next, the scale stops at 1.25 × the next (each end
// rounded up to 1, 2, 2.5 or 5 times a power of ten) and the
// larger bars are drawn broken (a gap near their end), their written value still the true
// one. Every text is HTML-escaped; the SVG has role="img" and is labelled by its <title> and
// <desc>, and each bar has a <title> with its value. `title`/`desc` are plain text.
std::string bar_chart_svg(const std::vector<ChartColumn>& columns, const std::string& title, const std::string& desc,
                          const std::string& income_label, const std::string& expense_label,
                          const std::function<std::string(int64_t)>& format);


}  // namespace chatiere::charts
