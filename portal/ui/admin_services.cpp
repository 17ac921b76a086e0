// /admin/services: the catalogue. Every field of the ChatonsInfos service file, plus the
// position, visibility and admin state. Errors are shown beside each field, what was typed kept.
#include <algorithm>
#include <regex>

#include "app.h"
#include "auth/accounts.h"
#include "http/errors.h"
#include "http/response.h"
#include "chatonsinfos/service_level.h"
#include "oidc/provider.h"
#include "store/audit.h"
#include "store/requests.h"
#include "ui/handlers.h"
#include "ui/status_common.h"

namespace chatiere::ui {

namespace {

enum class T { Text, Long, Url, Email, Date, Select, Int, Slug, Country, Registration };

struct Field {
    const char* name;  // input name = label key status.field.<name>
    const char* group; // service | host | software
    T type;
    std::vector<const char*> options;  // Select; "" allowed when first
    bool required = false;
    size_t max = 200;
};

const std::vector<Field>& fields() {
    static const std::vector<Field> f = {
        {"slug", "service", T::Slug, {}, true, 64},
        {"name", "service", T::Text, {}, true, 200},
        {"kind", "service", T::Text, {}, false, 100},
        {"kind_en", "service", T::Text, {}, false, 100},
        {"description", "service", T::Long, {}, false, 2000},
        {"website", "service", T::Url, {}, false, 500},
        {"logo", "service", T::Url, {}, false, 500},
        {"legal_url", "service", T::Url, {}, false, 500},
        {"guide_user", "service", T::Url, {}, false, 500},
        {"guide_technical", "service", T::Url, {}, false, 500},
        {"contact_url", "service", T::Url, {}, false, 500},
        {"contact_email", "service", T::Email, {}, false, 254},
        {"start_date", "service", T::Date, {}, false, 10},
        {"end_date", "service", T::Date, {}, false, 10},
        // The common answers, as a choice list; a stored combination not listed is offered too.
        {"registration", "service", T::Registration, {"None", "Free", "Member", "Client", "Member;Client"}, true, 100},
        {"registration_load", "service", T::Select, {"OPEN", "FULL"}, true, 10},
        {"install_type", "service", T::Select,
         {"", "DISTRIBUTION", "PROVIDER", "PACKAGE", "TOOLING", "CLONEREPO", "ARCHIVE", "SOURCES", "CONTAINER"}, false, 20},
        {"position", "service", T::Int, {}, true, 6},
        {"visibility", "service", T::Select, {"public", "members"}, true, 10},
        {"admin_state", "service", T::Select, {"auto", "off", "draft"}, true, 10},
        {"host_name", "host", T::Text, {}, false, 200},
        {"host_description", "host", T::Long, {}, false, 2000},
        // Required: the collective's directory sorts hosters by it.
        {"host_provider_type", "host", T::Select, {"", "HOME", "HOSTEDBAY", "HOSTEDSERVER", "OUTSOURCED"}, true, 20},
        {"host_server_type", "host", T::Select, {"", "NANO", "PHYSICAL", "VIRTUAL", "SHARED", "CLOUD"}, false, 20},
        {"host_hypervisor", "host", T::Text, {}, false, 200},
        {"host_distribution", "host", T::Text, {}, false, 200},
        {"host_country_name", "host", T::Text, {}, false, 100},
        {"host_country_code", "host", T::Country, {}, false, 2},
        {"software_name", "software", T::Text, {}, true, 200},
        {"software_version", "software", T::Text, {}, false, 100},
        {"software_license_name", "software", T::Text, {}, false, 200},
        {"software_license_url", "software", T::Url, {}, false, 500},
        {"software_website", "software", T::Url, {}, false, 500},
        {"software_source_url", "software", T::Url, {}, false, 500},
        {"software_modules", "software", T::Text, {}, false, 1000},
    };
    return f;
}

std::string* member(store::Service& s, std::string_view name) {
    static const std::vector<std::pair<const char*, std::string store::Service::*>> map = {
        {"slug", &store::Service::slug}, {"name", &store::Service::name}, {"kind", &store::Service::kind}, {"kind_en", &store::Service::kind_en},
        {"description", &store::Service::description}, {"website", &store::Service::website},
        {"logo", &store::Service::logo}, {"legal_url", &store::Service::legal_url},
        {"guide_user", &store::Service::guide_user}, {"guide_technical", &store::Service::guide_technical},
        {"contact_url", &store::Service::contact_url}, {"contact_email", &store::Service::contact_email},
        {"start_date", &store::Service::start_date}, {"end_date", &store::Service::end_date},
        {"registration", &store::Service::registration}, {"registration_load", &store::Service::registration_load},
        {"install_type", &store::Service::install_type}, {"visibility", &store::Service::visibility},
        {"admin_state", &store::Service::admin_state}, {"host_name", &store::Service::host_name},
        {"host_description", &store::Service::host_description},
        {"host_provider_type", &store::Service::host_provider_type},
        {"host_server_type", &store::Service::host_server_type}, {"host_hypervisor", &store::Service::host_hypervisor},
        {"host_distribution", &store::Service::host_distribution},
        {"host_country_name", &store::Service::host_country_name},
        {"host_country_code", &store::Service::host_country_code}, {"software_name", &store::Service::software_name},
        {"software_version", &store::Service::software_version},
        {"software_license_name", &store::Service::software_license_name},
        {"software_license_url", &store::Service::software_license_url},
        {"software_website", &store::Service::software_website},
        {"software_source_url", &store::Service::software_source_url},
        {"software_modules", &store::Service::software_modules},
    };
    for (const auto& [n, m] : map)
        if (name == n) return &(s.*m);
    return nullptr;
}

std::string value_of(const store::Service& s, const Field& f) {
    if (std::string_view(f.name) == "position") return std::to_string(s.position);
    return *member(const_cast<store::Service&>(s), f.name);
}

std::string trim(std::string s) {
    auto sp = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!s.empty() && sp(s.back())) s.pop_back();
    size_t k = 0;
    while (k < s.size() && sp(s[k])) ++k;
    return s.substr(k);
}

// The catalogue key of the problem with `v`, or "".
std::string check(const Field& f, const std::string& v) {
    if (v.empty()) return f.required ? "status.error.required" : "";
    if (v.size() > f.max) return "status.error.too_long";
    if (f.type != T::Long && v.find_first_of("\r\n") != std::string::npos) return "status.error.too_long";
    switch (f.type) {
        case T::Slug:
            return std::regex_match(v, std::regex("[a-z0-9][a-z0-9-]*")) ? "" : "status.error.slug";
        case T::Url:
            return std::regex_match(v, std::regex("https?://[^\\s<>\"]+")) ? "" : "status.error.url";
        case T::Email:
            return std::regex_match(v, std::regex("[^@\\s]+@[^@\\s]+")) ? "" : "status.error.email";
        case T::Date:
            return std::regex_match(v, std::regex("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])")) ? ""
                                                                                                 : "status.error.date";
        case T::Int:
            return std::regex_match(v, std::regex("-?\\d{1,6}")) ? "" : "status.error.integer";
        case T::Country:
            return std::regex_match(v, std::regex("[A-Z]{2}")) ? "" : "status.error.choice";
        case T::Select:
            return std::find_if(f.options.begin(), f.options.end(), [&](const char* o) { return v == o; }) !=
                           f.options.end()
                       ? ""
                       : "status.error.choice";
        case T::Registration: {
            size_t start = 0;
            while (start <= v.size()) {
                size_t end = v.find(';', start);
                std::string part = v.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (part != "None" && part != "Free" && part != "Member" && part != "Client")
                    return "status.error.choice";
                if (end == std::string::npos) break;
                start = end + 1;
            }
            return "";
        }
        default:
            return "";
    }
}

// "HOSTEDBAY: your own server, in a provider's rack" — the code the format publishes, and what
// it means (the ChatonsInfos templates' wording), in the reader's language.
std::string option_label(http::Ctx& ctx, std::string_view field, const std::string& value) {
    std::string key_value = value.empty() ? "none" : value;
    std::replace(key_value.begin(), key_value.end(), ';', '_');
    std::string key = "status.option." + std::string(field) + "." + key_value;
    if (!ctx.app.catalog.has(ctx.lang, key)) return value.empty() ? "—" : value;
    return ctx.t(key);
}

// What the CHATONS profile publishes for a registration choice, given who may sign up on the
// portal now: "Free" becomes "Member" unless sign-up is open to anyone.
std::string registration_published_text(http::Ctx& ctx, const std::string& value) {
    if (value.empty()) return {};
    std::string mode = auth::signup_mode(ctx.db());
    std::string published = chatonsinfos::published_registration(value, mode);
    if (published == value) return ctx.t("status.admin.registration_published", {{"value", published}});
    return ctx.t("status.admin.registration_published_as", {{"value", value}, {"published", published}});
}

void show_form(http::Ctx& ctx, const store::Service& s, const std::map<std::string, std::string>& values,
               const std::map<std::string, std::string>& errors, int status) {
    http::View v;
    v.set("action", ctx.url(s.id ? "/admin/services/" + std::to_string(s.id) : "/admin/services/new"));
    std::string title = s.id ? ctx.t("status.admin.edit_service", {{"name", s.name}}) : ctx.t("status.admin.new_service");
    v.set("page_title", title);
    if (s.id) v.set("public_url", ctx.url("/status/services/" + s.slug));
    http::View groups{http::View::type::list};
    http::View error_list{http::View::type::list};
    for (const char* group : {"service", "host", "software"}) {
        http::View g;
        g.set("legend", ctx.t(std::string("status.admin.fields_") + group));
        http::View list{http::View::type::list};
        for (const auto& f : fields()) {
            if (std::string_view(f.group) != group) continue;
            http::View item;
            item.set("name", std::string(f.name));
            item.set("label", ctx.t(std::string("status.field.") + f.name));
            std::string hint_key = std::string("status.field_hint.") + f.name;
            if (ctx.app.catalog.has(ctx.lang, hint_key)) item.set("hint", ctx.t(hint_key));
            item.set("required", f.required);
            std::string value = values.count(f.name) ? values.at(f.name) : value_of(s, f);
            item.set("value", value);
            if (auto e = errors.find(f.name); e != errors.end()) {
                item.set("error", ctx.t(e->second));
                http::View summary_item;  // the summary at the top links to each field (issue 15)
                summary_item.set("id", "f-" + std::string(f.name));
                summary_item.set("message", ctx.t("front.error.summary_item", {{"field", ctx.t(std::string("status.field.") + f.name)}, {"message", ctx.t(e->second)}}));
                error_list.push_back(summary_item);
            }
            if (f.type == T::Select || f.type == T::Registration) {
                http::View options{http::View::type::list};
                std::vector<std::string> choices(f.options.begin(), f.options.end());
                if (f.type == T::Registration) {
                    if (value.empty()) choices.insert(choices.begin(), "");
                    else if (std::find(choices.begin(), choices.end(), value) == choices.end()) choices.push_back(value);
                    item.set("published", registration_published_text(ctx, value));
                }
                for (const auto& o : choices) {
                    http::View opt;
                    opt.set("value", o);
                    opt.set("label", option_label(ctx, f.name, o));
                    opt.set("selected", value == o);
                    options.push_back(opt);
                }
                item.set("options", options);
                item.set("select", true);
            } else if (f.type == T::Long) {
                item.set("textarea", true);
            } else {
                item.set("input_type", errors.count(f.name) ? "text"  // shown back as typed (issue 15)
                                       : f.type == T::Url     ? "url"
                                       : f.type == T::Email ? "email"
                                       : f.type == T::Date  ? "date"
                                       : f.type == T::Int   ? "number"
                                                            : "text");
            }
            list.push_back(item);
        }
        g.set("fields", list);
        groups.push_back(g);
    }
    v.set("groups", groups);
    // How requests for accounts are answered (issue 18).
    std::string mode = values.count("request_mode") ? values.at("request_mode")
                       : s.id                       ? store::service_request_mode(ctx.db(), s.id)
                                                    : "approval";
    http::View modes{http::View::type::list};
    for (const char* m : {"approval", "automatic"}) {
        http::View opt;
        opt.set("value", std::string(m));
        opt.set("label", ctx.t(std::string("requests.request_mode_") + m));
        opt.set("selected", mode == m);
        modes.push_back(opt);
    }
    v.set("request_modes", modes);
    v.set("has_errors", !errors.empty());
    v.set("error_list", error_list);
    v.set("saved", ctx.query.get("done") == "saved");
    http::render_page(ctx, "admin_service_form", std::move(v), title, status);
}

std::optional<store::Service> service_from_param(http::Ctx& ctx) {
    if (!ctx.has_param("id")) return store::Service{};
    return store::find_service(ctx.db(), ctx.id_param());
}

}  // namespace

void admin_services(http::Ctx& ctx) {
    http::View v;
    http::View list{http::View::type::list};
    auto states = store::service_statuses(ctx.db(), ctx.now(), true);
    std::map<int64_t, status::ServiceStatus> by_id;
    for (const auto& st : states) by_id[st.service.id] = st.status;
    for (const auto& s : store::list_services(ctx.db(), true, true)) {
        http::View item;
        item.set("name", s.name);
        item.set("slug", s.slug);
        item.set("position", std::to_string(s.position));
        item.set("edit_url", ctx.url("/admin/services/" + std::to_string(s.id)));
        item.set("visibility", ctx.t("status.option.visibility." + s.visibility));
        auto it = by_id.find(s.id);
        item.set("badge", status_badge(ctx, it == by_id.end() ? status::ServiceStatus::Draft : it->second));
        list.push_back(item);
    }
    v.set("services", list);
    v.set("saved", ctx.query.get("done") == "saved");
    http::render_page(ctx, "admin_services", std::move(v), ctx.t("status.admin.services_title"));
}

void admin_service_form(http::Ctx& ctx) {
    auto s = service_from_param(ctx);
    if (!s) throw http::HttpError(404);
    show_form(ctx, *s, {}, {}, 200);
}

void admin_service_submit(http::Ctx& ctx) {
    auto found = service_from_param(ctx);
    if (!found) throw http::HttpError(404);
    store::Service s = *found;
    std::map<std::string, std::string> values, errors;
    for (const auto& f : fields()) {
        std::string v = ctx.form.get(f.name);
        if (f.type == T::Long) {
            std::string unix;
            for (size_t i = 0; i < v.size(); ++i)
                if (v[i] != '\r') unix += v[i];
            v = trim(unix);
        } else {
            v = trim(v);
        }
        if (f.type == T::Country)
            std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::toupper(c); });
        values[f.name] = v;
        if (auto e = check(f, v); !e.empty()) errors[f.name] = e;
    }
    if (!errors.count("slug")) {
        auto other = store::find_service_by_slug(ctx.db(), values["slug"]);
        if (other && other->id != s.id) errors["slug"] = "status.error.slug_taken";
        // The OpenID Connect group of administrators: a service by that name would let its
        // members into every client restricted to admins.
        if (values["slug"] == oidc::kAdminsGroup) errors["slug"] = "oidc.slug_reserved";
    }
    values["request_mode"] = ctx.form.get("request_mode") == "automatic" ? "automatic" : "approval";
    if (!errors.empty()) {
        show_form(ctx, *found, values, errors, 422);
        return;
    }
    for (const auto& f : fields()) {
        if (std::string_view(f.name) == "position") s.position = std::stoi(values[f.name]);
        else *member(s, f.name) = values[f.name];
    }
    auto& db = ctx.db();
    db::Transaction tx(db);
    bool created = s.id == 0;
    int64_t id = store::save_service(db, s, ctx.now());
    store::set_service_request_mode(db, id, values["request_mode"]);
    store::audit(db, ctx.now(), ctx.user->id, ctx.actor_name(),
                 created ? "service.create" : "service.update", "service:" + std::to_string(id), s.slug);
    tx.commit();
    http::redirect(ctx, "/admin/services/" + std::to_string(id) + "?done=saved");
}

}  // namespace chatiere::ui
