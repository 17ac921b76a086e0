#include "ui/requests_common.h"

#include "i18n/format.h"

namespace chatiere::ui {

std::string request_state_label(const http::Ctx& ctx, const std::string& state, bool admin) {
    return ctx.t((admin ? "requests.admin_state." : "requests.state.") + state);
}

std::string request_state_class(const std::string& state) {
    if (state == "approved") return "ok";
    if (state == "refused") return "bad";
    if (state == "question") return "warn";
    if (state == "cancelled") return "off";
    return "watch";
}

http::View request_notes_view(http::Ctx& ctx, const std::vector<store::RequestNote>& notes, bool admin) {
    http::View list{http::View::type::list};
    for (const auto& n : notes) {
        http::View item;
        bool by_member = n.kind == "message" || n.kind == "reply";
        item.set("who", by_member ? (admin ? ctx.t("requests.admin_member") : ctx.t("requests.from_you"))
                                  : ctx.t("requests.from_admins"));
        item.set("kind", ctx.t("requests.note." + n.kind));
        item.set("at", ctx.format_datetime(n.at));
        item.set("at_iso", i18n::iso_utc(n.at));
        http::View lines{http::View::type::list};
        size_t start = 0;
        while (start <= n.body.size()) {
            size_t end = n.body.find('\n', start);
            http::View line;
            line.set("line", n.body.substr(start, end == std::string::npos ? std::string::npos : end - start));
            line.set("more", end != std::string::npos);  // a line break after it
            lines.push_back(line);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        item.set("lines", lines);
        list.push_back(item);
    }
    return list;
}

}  // namespace chatiere::ui
