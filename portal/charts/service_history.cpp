#include "charts/service_history.h"

#include "i18n/format.h"
#include "status/status.h"
#include "text/escape.h"

namespace chatiere::charts {

std::string service_history_svg(const store::ServiceHistory& h, const i18n::Catalog& cat, const std::string& lang,
                                const i18n::TimeZone& zone, std::string& summary) {
    auto t = [&](std::string_view key) -> const std::string& { return cat.t(lang, key); };
    auto tp = [&](std::string_view key, const i18n::Params& p) { return cat.t(lang, key, p); };
    const int w = 4, gap = 1, height = 28;
    int n = static_cast<int>(h.days.size());
    int days_with_trouble = 0;
    std::string bars;
    // A run of quiet days is drawn as one dashed line (a bar per day, each dash), so a page of
    // services in good health stays small; a day with trouble gets its own bar and tooltip.
    int run_start = -1;
    auto end_run = [&](int end) {
        if (run_start < 0) return;
        std::string title =
            end - run_start == 1
                ? tp("status.history.day", {{"date", i18n::format_date(cat, lang, zone, h.days[run_start].start)},
                                               {"what", t("status.history.no_incident")}})
                : tp("status.history.quiet_days",
                        {{"from", i18n::format_date(cat, lang, zone, h.days[run_start].start)},
                         {"to", i18n::format_date(cat, lang, zone, h.days[end - 1].start)}});
        bars += "<line class=\"ok\" x1=\"" + std::to_string(run_start * (w + gap)) + "\" y1=\"" +
                std::to_string(height / 2) + "\" x2=\"" + std::to_string(end * (w + gap) - gap) + "\" y2=\"" +
                std::to_string(height / 2) + "\" stroke=\"#2e7d32\" stroke-width=\"" + std::to_string(height) +
                "\" stroke-dasharray=\"" + std::to_string(w) + " " + std::to_string(gap) + "\"><title>" +
                text::escape_markup(title) + "</title></line>";
        run_start = -1;
    };
    for (int k = 0; k < n; ++k) {
        const auto& d = h.days[k];
        std::string cls, fill, label;
        if (d.stat.worst == status::Effect::MajorOutage) {
            cls = "bad", fill = "#c62828", label = t("status.effect.major_outage");
        } else if (d.stat.worst == status::Effect::PartialOutage) {
            cls = "bad", fill = "#ef6c00", label = t("status.effect.partial_outage");
        } else if (d.stat.worst == status::Effect::Degraded) {
            cls = "warn", fill = "#f9a825", label = t("status.effect.degraded");
        } else if (d.maintenance) {
            cls = "maint", fill = "#1565c0", label = t("status.kind.maintenance");
        } else {
            if (run_start < 0) run_start = k;
            continue;
        }
        end_run(k);
        ++days_with_trouble;
        double pct = 100.0 - static_cast<double>(d.stat.down_tenths) / 10.0 / static_cast<double>(d.end - d.start) * 100.0;
        std::string title =
            tp("status.history.day", {{"date", i18n::format_date(cat, lang, zone, d.start)}, {"what", label}});
        if (d.stat.down_tenths > 0) title += " (" + status::format_percent(lang, pct) + "\u202f%)";
        bars += "<rect class=\"" + cls + "\" x=\"" + std::to_string(k * (w + gap)) + "\" y=\"0\" width=\"" +
                std::to_string(w) + "\" height=\"" + std::to_string(height) + "\" fill=\"" + fill + "\"><title>" +
                text::escape_markup(title) + "</title></rect>";
    }
    end_run(n);
    summary = tp("status.history.summary",
                    {{"days", std::to_string(n)},
                     {"percent", status::format_percent(lang, h.availability)},
                     {"trouble", std::to_string(days_with_trouble)}});
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"history\" viewBox=\"0 0 " +
           std::to_string(n * (w + gap) - gap) + " " + std::to_string(height) +
           "\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"" + text::escape_markup(summary) + "\">" + bars + "</svg>";
}

}  // namespace chatiere::charts
