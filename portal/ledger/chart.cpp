#include "ledger/chart.h"

#include <algorithm>

#include "text/escape.h"

namespace chatiere::ledger {

std::string escape_xml(std::string_view s) { return text::escape_markup(s); }

std::string bar_chart_svg(const std::vector<ChartColumn>& columns, const std::string& title, const std::string& desc,
                          const std::string& income_label, const std::string& expense_label) {
    const int col_w = 50, bar_w = 18, top = 30, plot_h = 160, label_h = 24;
    const int width = std::max<int>(static_cast<int>(columns.size()) * col_w, 200);
    const int height = top + plot_h + label_h;
    int64_t max = 1;
    for (const auto& c : columns) max = std::max({max, c.income, c.expenses});
    auto bar_height = [&](int64_t v) {
        if (v <= 0) return 0;
        int64_t h = v * plot_h / max;
        return static_cast<int>(std::max<int64_t>(h, 1));
    };
    std::string s;
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
         "viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\" width=\"100%\" height=\"" +
         std::to_string(height) + "\" preserveAspectRatio=\"xMinYMin meet\">";
    s += "<title id=\"chart-title\">" + escape_xml(title) + "</title>";
    s += "<desc id=\"chart-desc\">" + escape_xml(desc) + "</desc>";
    // legend
    s += "<rect class=\"income\" fill=\"#2e7d32\" x=\"0\" y=\"4\" width=\"12\" height=\"12\"/>";
    s += "<text x=\"16\" y=\"15\" font-size=\"12\" fill=\"currentColor\">" + escape_xml(income_label) + "</text>";
    s += "<rect class=\"expense\" fill=\"#b3261e\" x=\"130\" y=\"4\" width=\"12\" height=\"12\"/>";
    s += "<text x=\"146\" y=\"15\" font-size=\"12\" fill=\"currentColor\">" + escape_xml(expense_label) + "</text>";
    s += "<line x1=\"0\" x2=\"" + std::to_string(width) + "\" y1=\"" + std::to_string(top + plot_h) + "\" y2=\"" +
         std::to_string(top + plot_h) + "\" stroke=\"currentColor\" stroke-width=\"1\"/>";
    for (size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        int x = static_cast<int>(i) * col_w + 6;
        int hi = bar_height(c.income), he = bar_height(c.expenses);
        s += "<g>";
        s += "<rect class=\"income\" fill=\"#2e7d32\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + plot_h - hi) +
             "\" width=\"" + std::to_string(bar_w) + "\" height=\"" + std::to_string(hi) + "\"><title>" +
             escape_xml(c.label + " · " + income_label + " " + c.income_text) + "</title></rect>";
        s += "<rect class=\"expense\" fill=\"#b3261e\" x=\"" + std::to_string(x + bar_w) + "\" y=\"" +
             std::to_string(top + plot_h - he) + "\" width=\"" + std::to_string(bar_w) + "\" height=\"" +
             std::to_string(he) + "\"><title>" + escape_xml(c.label + " · " + expense_label + " " + c.expense_text) +
             "</title></rect>";
        s += "<text x=\"" + std::to_string(x + bar_w) + "\" y=\"" + std::to_string(top + plot_h + 16) +
             "\" font-size=\"11\" fill=\"currentColor\" text-anchor=\"middle\">" + escape_xml(c.label) + "</text>";
        s += "</g>";
    }
    s += "</svg>";
    return s;
}

}  // namespace chatiere::ledger
