#include "charts/open_books.h"

#include <algorithm>

#include "text/escape.h"

namespace chatiere::charts {

namespace {

constexpr int kWidth = 400, kLabelW = 52, kValueW = 92, kRowH = 40, kBarH = 14, kTop = 52;
constexpr int kPlotW = kWidth - kLabelW - kValueW;
constexpr const char* kIncomeColour = "#2e7d32";
constexpr const char* kExpenseColour = "#b3261e";

std::string n(int64_t v) { return std::to_string(v); }

// The round value at or above `v` that a scale ends at: 1, 2, 2.5 or 5 times a power of ten.
int64_t round_up(int64_t v) {
    int64_t power = 1;
    while (power <= v / 10) power *= 10;
    for (int64_t tenths : {10, 20, 25, 50, 100})
        if (power * tenths / 10 >= v) return power * tenths / 10;
    return v;
}

// The value the scale ends at: the largest, rounded up, unless it dwarfs the next one (see chart.h).
int64_t scale_end(const std::vector<ChartColumn>& columns) {
    std::vector<int64_t> values;
    for (const auto& c : columns)
        for (int64_t v : {c.income, c.expenses})
            if (v > 0) values.push_back(v);
    if (values.empty()) return 1;
    std::sort(values.rbegin(), values.rend());
    if (values.size() > 1 && values[1] > 0 && values[0] > 3 * values[1]) return round_up(values[1] + values[1] / 4);
    return round_up(values[0]);
}

std::string text(int x, int y, const std::string& s, const char* anchor = "start", int size = 14) {
    return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" font-size=\"" + n(size) + "\" fill=\"currentColor\" text-anchor=\"" +
           anchor + "\">" + text::escape_markup(s) + "</text>";
}

// One bar from the plot's left edge, its <title>, and its value written after it.
std::string bar(int y, int64_t value, int64_t end, const char* kind, const char* colour, const std::string& title,
                const std::string& value_text) {
    bool broken = value > end;
    int w = value <= 0 ? 0 : static_cast<int>(std::max<int64_t>(1, std::min(value, end) * kPlotW / end));
    std::string s = "<rect class=\"" + std::string(kind) + "\" fill=\"" + colour + "\" x=\"" + n(kLabelW) + "\" y=\"" +
                    n(y) + "\" width=\"" + n(w) + "\" height=\"" + n(kBarH) + "\"><title>" + text::escape_markup(title) +
                    "</title></rect>";
    // A broken bar: a slash of the page's colour near its end says "longer than drawn"
    // (the stylesheet gives it the background colour of the scheme in use).
    if (broken)
        s += "<path class=\"break\" d=\"M" + n(kLabelW + w - 14) + " " + n(y + kBarH + 2) + " l6 -" + n(kBarH + 4) +
             " m4 0 l-6 " + n(kBarH + 4) + "\" stroke=\"#fff\" stroke-width=\"3\" fill=\"none\"/>";
    s += text(kLabelW + w + 4, y + kBarH - 2, value_text, "start", 13);
    return s;
}

}  // namespace

std::string bar_chart_svg(const std::vector<ChartColumn>& columns, const std::string& title, const std::string& desc,
                          const std::string& income_label, const std::string& expense_label,
                          const std::function<std::string(int64_t)>& format) {
    const int height = kTop + static_cast<int>(columns.size()) * kRowH + 8;
    const int64_t end = scale_end(columns);
    std::string s;
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
         "viewBox=\"0 0 " + n(kWidth) + " " + n(height) + "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">";
    s += "<title id=\"chart-title\">" + text::escape_markup(title) + "</title>";
    s += "<desc id=\"chart-desc\">" + text::escape_markup(desc) + "</desc>";
    // legend
    s += "<rect class=\"income\" fill=\"" + std::string(kIncomeColour) + "\" x=\"0\" y=\"3\" width=\"13\" height=\"13\"/>";
    s += text(18, 14, income_label);
    s += "<rect class=\"expense\" fill=\"" + std::string(kExpenseColour) + "\" x=\"170\" y=\"3\" width=\"13\" height=\"13\"/>";
    s += text(188, 14, expense_label);
    // the scale: 0, half and the end, with faint lines down the rows
    for (int i = 0; i <= 2; ++i) {
        int x = kLabelW + kPlotW * i / 2;
        const char* anchor = i == 0 ? "start" : i == 1 ? "middle" : "end";
        s += "<g class=\"tick\">" + text(x, kTop - 14, format(end * i / 2), anchor, 13);
        s += "<line x1=\"" + n(x) + "\" x2=\"" + n(x) + "\" y1=\"" + n(kTop - 8) + "\" y2=\"" + n(height - 4) +
             "\" stroke=\"currentColor\" stroke-opacity=\"" + (i == 0 ? "0.6" : "0.2") + "\" stroke-width=\"1\"/></g>";
    }
    for (size_t i = 0; i < columns.size(); ++i) {
        const auto& c = columns[i];
        int y = kTop + static_cast<int>(i) * kRowH;
        s += "<g>";
        s += text(0, y + kBarH + 6, c.label);
        s += bar(y, c.income, end, "income", kIncomeColour, c.label + " · " + income_label + " " + c.income_text,
                 c.income_text);
        s += bar(y + kBarH + 2, c.expenses, end, "expense", kExpenseColour,
                 c.label + " · " + expense_label + " " + c.expense_text, c.expense_text);
        s += "</g>";
    }
    s += "</svg>";
    return s;
}

}  // namespace chatiere::charts
