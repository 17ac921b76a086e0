// /admin/settings: the hoster's identity, one form generated from the field table
// (chatonsinfos/organization_fields.h): each field says where it is published.
#include <algorithm>
#include <map>

#include "actions/settings.h"
#include "app.h"
#include "http/action_context.h"
#include "http/form.h"
#include "http/response.h"
#include "chatonsinfos/organization_fields.h"
#include "store/audit.h"
#include "store/settings.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

using chatonsinfos::FieldType;
using chatonsinfos::OrganizationField;

// Form inputs of a field: ("website", "site.website") or, localized, ("description.fr", "site.description.fr")…
std::vector<std::pair<std::string, std::string>> inputs_of(const OrganizationField& f) {
    std::vector<std::pair<std::string, std::string>> out;
    if (f.localized)
        for (const auto& lang : i18n::languages())
            out.emplace_back(std::string(f.id) + "." + lang, std::string(f.setting) + "." + lang);
    else
        out.emplace_back(std::string(f.id), std::string(f.setting));
    return out;
}

std::string trim(std::string s) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

std::string places_text(http::Ctx& ctx, unsigned places) {
    std::string out;
    auto add = [&](const char* key) { out += (out.empty() ? "" : ", ") + ctx.t(key); };
    if (places & chatonsinfos::kChatonsInfos) add("profile.place.chatonsinfos");
    if (places & chatonsinfos::kLibrehost) add("profile.place.librehost");
    if (places & chatonsinfos::kHomepage) add("profile.place.homepage");
    if (out.empty()) return ctx.t("profile.place.none");
    return ctx.t("profile.place.appears", {{"places", out}});
}

void show_form(http::Ctx& ctx, const std::map<std::string, std::string>& values,
               const std::map<std::string, std::string>& errors, int status) {
    http::View v;
    http::View groups{http::View::type::list};
    http::View error_list{http::View::type::list};
    for (auto group : chatonsinfos::field_groups()) {
        http::View g;
        g.set("title", ctx.t("profile.group." + std::string(group)));
        g.set("anchor", "section-" + std::string(group));  // the contents list links here (issue 15)
        http::View fields{http::View::type::list};
        for (const auto& f : chatonsinfos::organization_fields()) {
            if (f.group != group) continue;
            for (const auto& [input, setting] : inputs_of(f)) {
                http::View item;
                // The first input of a field carries the anchor the check report links to.
                bool first = !f.localized || input.substr(input.rfind('.') + 1) == i18n::languages().front();
                item.set("id", "field-" + (first ? std::string(f.id) : input));
                item.set("name", input);
                std::string label = ctx.t(chatonsinfos::label_key(f));
                if (f.localized) label += " (" + ctx.app.catalog.t(input.substr(input.rfind('.') + 1), "language.name") + ")";
                item.set("label", label);
                if (ctx.app.catalog.has(ctx.lang, chatonsinfos::hint_key(f))) item.set("hint", ctx.t(chatonsinfos::hint_key(f)));
                item.set("places", places_text(ctx, f.places));
                item.set("required", f.need == chatonsinfos::Need::Mandatory);
                auto it = values.find(input);
                std::string value = it == values.end() ? std::string() : it->second;
                item.set("value", value);
                if (auto e = errors.find(input); e != errors.end()) {
                    item.set("error", e->second);
                    http::View summary_item;  // the summary at the top links to each field (issue 15)
                    summary_item.set("id", "input-" + input);
                    summary_item.set("message", ctx.t("front.error.summary_item", {{"field", label}, {"message", e->second}}));
                    error_list.push_back(summary_item);
                }
                if (f.type == FieldType::Enum) {
                    http::View options{http::View::type::list};
                    for (auto allowed : f.values) {
                        http::View o;
                        o.set("value", std::string(allowed));
                        o.set("label", ctx.t("profile.enum." + std::string(allowed)));
                        o.set("selected", value == allowed);
                        options.push_back(o);
                    }
                    item.set("options", options);
                    item.set("select", true);
                } else if (f.type == FieldType::Text) {
                    item.set("textarea", true);
                } else {
                    // The logo may be the portal's own uploaded file, a path such as /logo.
                    bool local_ok = std::string_view(f.id) == "logo";
                    // A refused value is shown back as typed: a text field (a "url" field may not hold it).
                    item.set("input_type", errors.count(input) ? "text"
                                           : f.type == FieldType::Url && !local_ok ? "url"
                                           : f.type == FieldType::Email ? "email"
                                           : f.type == FieldType::Date  ? "date"
                                                                        : "text");
                }
                fields.push_back(item);
            }
        }
        g.set("fields", fields);
        groups.push_back(g);
    }
    v.set("groups", groups);
    if (!errors.empty()) v.set("has_errors", true);
    v.set("error_list", error_list);
    if (ctx.query.get("done") == "saved") v.set("saved", true);
    http::render_page(ctx, "admin_settings", std::move(v), ctx.t("profile.settings.title"), status);
}

}  // namespace

void admin_settings_form(http::Ctx& ctx) {
    auto settings = store::settings_with_prefix(ctx.db(), "site.");
    std::map<std::string, std::string> values;
    for (const auto& f : chatonsinfos::organization_fields())
        for (const auto& [input, setting] : inputs_of(f))
            if (auto it = settings.find(setting); it != settings.end()) values[input] = it->second;
    show_form(ctx, values, {}, 200);
}

void admin_settings_submit(http::Ctx& ctx) {
    std::map<std::string, std::string> values, errors;
    for (const auto& f : chatonsinfos::organization_fields()) {
        for (const auto& [input, setting] : inputs_of(f)) {
            std::string value = ctx.form.get(input);
            // Text areas keep their line breaks (as \n); everything else is one trimmed line.
            if (f.type == FieldType::Text) {
                std::string unix;
                for (size_t i = 0; i < value.size(); ++i)
                    if (!(value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n')) unix += value[i] == '\r' ? '\n' : value[i];
                value = trim(unix);
            } else {
                value = trim(value);
            }
            if (f.type == FieldType::CountryCode)
                std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
            values[input] = value;
            std::string problem = chatonsinfos::validate_value(f.type, f.values, value, f.max_length);
            // The logo upload (/admin/settings/logo) stores a path on this portal; the published
            // files make it absolute.
            if (!problem.empty() && std::string_view(f.id) == "logo" && http::is_local_path(value) && value.size() < 200)
                problem.clear();
            if (problem.empty() && f.need == chatonsinfos::Need::Mandatory && value.empty()) problem = "required";
            if (!problem.empty())
                errors[input] = ctx.t("profile.form." + problem, {{"max", std::to_string(f.max_length)}});
        }
    }
    if (!errors.empty()) {
        show_form(ctx, values, errors, 422);
        return;
    }
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& f : chatonsinfos::organization_fields())
        for (const auto& [input, setting] : inputs_of(f)) changes.emplace_back(setting, values[input]);
    // The audit has always named the admin by their display name here.
    actions::change_settings(http::action_context(ctx, {ctx.user->id, ctx.user->name}), changes);
    http::redirect(ctx, "/admin/settings?done=saved");
}

}  // namespace chatiere::ui
