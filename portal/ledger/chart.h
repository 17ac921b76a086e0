#pragma once
#include <string>
#include <vector>

// The bar chart of the public page: inline SVG drawn on the server (no JavaScript).
namespace chatiere::ledger {

struct ChartColumn {
    std::string label;                     // "nov." (already translated)
    int64_t income = 0, expenses = 0;      // integers in one currency
    std::string income_text, expense_text; // "182,00 €" (already formatted)
};

// Two bars per column (income, expenses), scaled to the largest value. Every text is
// HTML-escaped; the SVG has role="img" and is labelled by its <title> and <desc>, and each
// bar has a <title> with its value. `title`/`desc` are plain text.
std::string bar_chart_svg(const std::vector<ChartColumn>& columns, const std::string& title, const std::string& desc,
                          const std::string& income_label, const std::string& expense_label);

std::string escape_xml(std::string_view s);

}  // namespace chatiere::ledger
